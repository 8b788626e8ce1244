"""The guided flows of the five basic conditions, walked from the files in knowledge/flows."""

from __future__ import annotations

import datetime as dt

from bot.actions import runtime
from bot.actions.base import AssistantAction, Turn
from ric.content import walker
from ric.content.walker import Outcome
from ric.languages import SOURCE_LANGUAGE
from ric.protocol import condition_of_intent
from ric.store import queries
from ric.store.models import CONDITIONS


def say_outcome(turn: Turn, condition: str, outcome: Outcome) -> None:
    """Says the steps, creates the tasks and stores status and paused step of an outcome."""
    detainee = turn.detainee
    today = dt.date.today()
    for step in outcome.steps:
        offers = [step.offer_booking] if step.offer_booking else []
        turn.say("flow_step", condition=condition, step=step.id, booking_offers=offers)
        if step.task is not None:
            due = queries.due_date_for(
                today,
                detainee.expected_release,
                step.task.days_before_release,
                turn.settings.ric_default_due_days,
            )
            task = queries.create_task(
                turn.session,
                detainee,
                title=step.task.title[SOURCE_LANGUAGE],
                condition=condition,
                key=step.task.key,
                due_date=due,
            )
            turn.say(
                "task_created",
                condition=condition,
                key=task.key,
                title=task.title,
                due=task.due_date.isoformat() if task.due_date else None,
            )
    queries.set_condition(
        turn.session, detainee, condition, status=outcome.status, step=outcome.waiting_at
    )
    if outcome.finished:
        status = queries.condition_statuses(turn.session, detainee)[condition].status
        turn.set_flow(None)
        turn.say(
            "flow_end",
            condition=condition,
            status=status,
            open_tasks=open_task_counts(turn).get(condition, 0),
        )
    else:
        turn.set_flow(condition)


def start_flow(turn: Turn, condition: str) -> None:
    """Starts the flow of a condition, or resumes it at the paused question."""
    flow = runtime.content().flow(condition)
    row = queries.condition_statuses(turn.session, turn.detainee)[condition]
    resumed = row.current_step is not None and flow.step(row.current_step) is not None
    if not resumed and row.status in ("done", "not_applicable"):
        turn.say("flow_restart", condition=condition, status=row.status)
    elif not resumed or turn.active_flow != condition:
        turn.say("flow_intro", condition=condition, resumed=resumed)
    if row.status == "not_started":
        queries.set_condition(
            turn.session, turn.detainee, condition, status="in_progress", keep_step=True
        )
    step_id = walker.resume_step(flow, row.current_step)
    say_outcome(turn, condition, walker.enter(flow, step_id))


def open_task_counts(turn: Turn) -> dict[str, int]:
    """How many tasks are still open per condition."""
    counts: dict[str, int] = {}
    for task in queries.list_tasks(turn.session, turn.detainee):
        if task.condition:
            counts[task.condition] = counts.get(task.condition, 0) + 1
    return counts


def waiting_question(turn: Turn) -> str | None:
    """The step id the active flow waits at; clears the flow when it waits at nothing."""
    condition = turn.active_flow
    if condition not in CONDITIONS:
        return None
    row = queries.condition_statuses(turn.session, turn.detainee)[condition]
    step = runtime.content().flow(condition).step(row.current_step)
    if step is None or not step.is_question:
        turn.set_flow(None)
        return None
    return step.id


def reask(turn: Turn) -> bool:
    """After a side question: offers the open flow as one short button (not the question
    in full); False when no flow is active."""
    if waiting_question(turn) is None:
        return False
    turn.say("flow_resume_offer", condition=turn.active_flow)
    return True


def ask_again(turn: Turn) -> bool:
    """Asks the question the active flow waits at in full; False when no flow is active."""
    step_id = waiting_question(turn)
    if step_id is None:
        return False
    reask_step(turn, turn.active_flow, step_id)
    return True


def answer_flow(turn: Turn, condition: str, step_id: str | None, option_id: str) -> None:
    """Applies an answer to the waiting question; a stale answer gets the current question."""
    if condition not in CONDITIONS:
        turn.say("flow_not_understood")
        return
    flow = runtime.content().flow(condition)
    row = queries.condition_statuses(turn.session, turn.detainee)[condition]
    waiting = flow.step(row.current_step)
    if waiting is None or not waiting.is_question:
        turn.say("flow_stale")
        turn.say("anything_else")
        turn.set_flow(None)
        return
    if (step_id is not None and step_id != waiting.id) or waiting.option(option_id) is None:
        turn.say("flow_stale" if step_id is not None else "flow_not_understood")
        turn.set_flow(condition)
        reask_step(turn, condition, waiting.id)
        return
    say_outcome(turn, condition, walker.answer(flow, waiting.id, option_id))


def reask_step(turn: Turn, condition: str, step_id: str) -> None:
    step = runtime.content().flow(condition).steps[step_id]
    offers = [step.offer_booking] if step.offer_booking else []
    turn.say("flow_step", condition=condition, step=step_id, booking_offers=offers)


class ActionFlowStart(AssistantAction):
    """Starts or resumes the guided flow of the condition the user asked for; a specific
    question an article answers gets that answer first, with the flow as a button."""

    action_name = "action_flow_start"

    def act(self, turn: Turn) -> None:
        condition = condition_of_intent(turn.intent) or ""
        if condition not in CONDITIONS:
            condition = turn.entity("condition") or ""
        if condition not in CONDITIONS:
            turn.say("anything_else")
            return
        from bot.actions.knowledge import answer_first

        if not answer_first(turn, condition):
            start_flow(turn, condition)


class ActionStop(AssistantAction):
    """Stops the active flow; the paused question is kept to resume later."""

    action_name = "action_stop"

    def act(self, turn: Turn) -> None:
        condition = turn.active_flow
        if condition in CONDITIONS:
            turn.set_flow(None)
            turn.say("flow_stopped", condition=condition)
        else:
            turn.say("nothing_to_stop")
