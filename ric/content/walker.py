"""Walks a guided flow: from a step or an answer to what must be said and recorded.

Pure logic over :class:`ric.content.flows.Flow`; it touches neither the store nor Rasa.
The caller says the steps in :attr:`Outcome.steps`, creates :attr:`Outcome.tasks` and
stores :attr:`Outcome.status` and :attr:`Outcome.waiting_at`.
"""

from __future__ import annotations

import dataclasses

from ric.content.flows import Flow, Step, TaskTemplate

MAX_STEPS_PER_TURN = 20
YES, NO = "yes", "no"


class UnknownAnswer(ValueError):
    """The answer is not an option of the step that waits for one."""


@dataclasses.dataclass
class Outcome:
    """What happens after entering a step or answering a question."""

    steps: list[Step] = dataclasses.field(default_factory=list)
    tasks: list[TaskTemplate] = dataclasses.field(default_factory=list)
    booking_offers: list[str] = dataclasses.field(default_factory=list)
    status: str | None = None
    waiting_at: str | None = None

    @property
    def finished(self) -> bool:
        return self.waiting_at is None


def enter(flow: Flow, step_id: str) -> Outcome:
    """Says the step and every statement after it, up to a question or an end."""
    outcome = Outcome()
    _walk(flow, step_id, outcome)
    return outcome


def answer(flow: Flow, step_id: str, option_id: str) -> Outcome:
    """Applies the chosen option of the waiting question and walks on."""
    step = flow.step(step_id)
    if step is None or not step.is_question:
        raise UnknownAnswer(f"{flow.condition}.{step_id} does not wait for an answer")
    option = step.option(option_id)
    if option is None:
        raise UnknownAnswer(f"{flow.condition}.{step_id} has no option {option_id!r}")
    outcome = Outcome(status=option.status)
    _walk(flow, option.next, outcome)
    return outcome


def resume_step(flow: Flow, saved_step: str | None) -> str:
    """Where a flow starts: the paused question when it still exists, else the start."""
    step = flow.step(saved_step)
    return step.id if step is not None and step.is_question else flow.start


def _walk(flow: Flow, step_id: str, outcome: Outcome) -> None:
    current: str | None = step_id
    for _ in range(MAX_STEPS_PER_TURN):
        step = flow.step(current)
        if step is None:
            raise UnknownAnswer(f"{flow.condition}: step {current!r} does not exist")
        outcome.steps.append(step)
        if step.task is not None:
            outcome.tasks.append(step.task)
        if step.offer_booking is not None:
            outcome.booking_offers.append(step.offer_booking)
        if step.end is not None:
            outcome.status = step.end
            outcome.waiting_at = None
            return
        if step.is_question:
            outcome.waiting_at = step.id
            return
        current = step.next
    raise UnknownAnswer(
        f"{flow.condition}: more than {MAX_STEPS_PER_TURN} steps without a question"
    )
