"""Guided flows of the five basic conditions: schema, validation and loading.

The format is described in ``knowledge/README.md``. :func:`validate_flow` returns
every problem in plain words; :func:`parse_flow` builds the typed flow from valid data.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from ric.content import translations
from ric.content.texts import MultiText, check_text
from ric.store.models import CONDITION_STATUSES, CONDITIONS, PARTNER_KINDS

END_STATUSES = ("done", "in_progress", "not_applicable")
ID_PATTERN = re.compile(r"^[a-z0-9_]{1,48}$")
YES_NO = ("yes", "no")


@dataclasses.dataclass(frozen=True)
class TaskTemplate:
    """A task a step creates in the case store."""

    key: str
    title: MultiText
    days_before_release: int | None


@dataclasses.dataclass(frozen=True)
class Option:
    """One answer button of a question step."""

    id: str
    label: MultiText | None
    next: str
    status: str | None


@dataclasses.dataclass(frozen=True)
class Step:
    """One step: a question (options), a statement (next) or an end (end status)."""

    id: str
    text: MultiText
    why: MultiText | None
    options: tuple[Option, ...]
    next: str | None
    end: str | None
    task: TaskTemplate | None
    offer_booking: str | None

    @property
    def is_question(self) -> bool:
        return bool(self.options)

    def option(self, option_id: str) -> Option | None:
        """The option with this id, if the step has it."""
        return next((option for option in self.options if option.id == option_id), None)


@dataclasses.dataclass(frozen=True)
class Flow:
    """The guided flow of one basic condition."""

    condition: str
    title: MultiText
    intro: MultiText
    start: str
    steps: Mapping[str, Step]
    pending: tuple[str, ...]

    def step(self, step_id: str | None) -> Step | None:
        """The step with this id, or None for an unknown id."""
        return self.steps.get(step_id) if step_id else None


class FlowError(ValueError):
    """A flow file does not follow the schema; the message lists every problem."""


def validate_flow(data: Any, languages: tuple[str, ...], name: str = "flow") -> list[str]:
    """Every problem of a flow document, in plain words (empty list when valid)."""
    if not isinstance(data, Mapping):
        return [f"{name}: the file must hold a mapping"]
    problems: list[str] = []
    allowed = {"condition", "pending", translations.FIELD, "title", "intro", "start", "steps"}
    for key in sorted(set(data) - allowed):
        problems.append(f"{name}: unknown field {key!r}")
    condition = data.get("condition")
    if condition not in CONDITIONS:
        problems.append(f"{name}.condition: must be one of {', '.join(CONDITIONS)}")
    pending = data.get("pending") or []
    if not isinstance(pending, list) or any(lang not in languages for lang in pending):
        problems.append(f"{name}.pending: must list supported languages")
        pending = []
    pending = tuple(pending)
    problems += translations.problems(data, languages, name)
    for field in ("title", "intro"):
        problems += check_text(data.get(field), f"{name}.{field}", languages, pending)
    steps = data.get("steps")
    if not isinstance(steps, list) or not steps:
        return problems + [f"{name}.steps: must be a non-empty list"]
    ids: list[str] = []
    for index, step in enumerate(steps):
        where = f"{name}.steps[{index}]"
        if not isinstance(step, Mapping):
            problems.append(f"{where}: must be a mapping")
            continue
        step_id = step.get("id")
        if not isinstance(step_id, str) or not ID_PATTERN.match(step_id):
            problems.append(f"{where}.id: lowercase letters, digits and _ only")
            continue
        where = f"{name}.{step_id}"
        if step_id in ids:
            problems.append(f"{where}: the id is used twice")
        ids.append(step_id)
        problems += _validate_step(step, where, languages, pending)
    if not problems:
        problems += _validate_graph(data, name)
    return problems


def _validate_step(
    step: Mapping[str, Any], where: str, languages: tuple[str, ...], pending: tuple[str, ...]
) -> list[str]:
    problems: list[str] = []
    allowed = {"id", "text", "why", "options", "next", "end", "task", "offer_booking", "status"}
    for key in sorted(set(step) - allowed):
        problems.append(f"{where}: unknown field {key!r}")
    problems += check_text(step.get("text"), f"{where}.text", languages, pending)
    kinds = [key for key in ("options", "next", "end") if step.get(key) is not None]
    if len(kinds) != 1:
        problems.append(f"{where}: needs exactly one of options, next or end")
    if "options" in kinds:
        problems += check_text(step.get("why"), f"{where}.why", languages, pending)
        problems += _validate_options(step["options"], where, languages, pending)
    elif step.get("why") is not None:
        problems += check_text(step.get("why"), f"{where}.why", languages, pending)
    if "end" in kinds and step["end"] not in END_STATUSES:
        problems.append(f"{where}.end: must be one of {', '.join(END_STATUSES)}")
    if "next" in kinds and not isinstance(step["next"], str):
        problems.append(f"{where}.next: must name a step")
    task = step.get("task")
    if task is not None:
        if not isinstance(task, Mapping):
            problems.append(f"{where}.task: must be a mapping")
        else:
            if not isinstance(task.get("key"), str) or not ID_PATTERN.match(task["key"]):
                problems.append(f"{where}.task.key: lowercase letters, digits and _ only")
            problems += check_text(task.get("title"), f"{where}.task.title", languages, pending)
            days = task.get("days_before_release")
            if days is not None and (not isinstance(days, int) or days < 0):
                problems.append(f"{where}.task.days_before_release: a whole number >= 0")
    booking = step.get("offer_booking")
    if booking is not None and booking not in PARTNER_KINDS:
        problems.append(f"{where}.offer_booking: must be one of {', '.join(PARTNER_KINDS)}")
    return problems


def _validate_options(
    options: Any, where: str, languages: tuple[str, ...], pending: tuple[str, ...]
) -> list[str]:
    if not isinstance(options, list) or not 2 <= len(options) <= 5:
        return [f"{where}.options: between 2 and 5 options"]
    problems: list[str] = []
    seen: set[str] = set()
    for index, option in enumerate(options):
        at = f"{where}.options[{index}]"
        if not isinstance(option, Mapping):
            problems.append(f"{at}: must be a mapping")
            continue
        option_id = option.get("id")
        if isinstance(option_id, bool):  # YAML reads an unquoted yes/no as a boolean
            problems.append(f'{at}.id: quote "yes" and "no"')
            continue
        if not isinstance(option_id, str) or not ID_PATTERN.match(option_id):
            problems.append(f"{at}.id: lowercase letters, digits and _ only")
            continue
        if option_id in seen:
            problems.append(f"{at}.id: {option_id!r} is used twice")
        seen.add(option_id)
        for key in sorted(set(option) - {"id", "label", "next", "status"}):
            problems.append(f"{at}: unknown field {key!r}")
        if option.get("label") is not None or option_id not in YES_NO:
            problems += check_text(option.get("label"), f"{at}.label", languages, pending)
        if not isinstance(option.get("next"), str):
            problems.append(f"{at}.next: must name a step")
        status = option.get("status")
        if status is not None and status not in CONDITION_STATUSES:
            problems.append(f"{at}.status: must be one of {', '.join(CONDITION_STATUSES)}")
    return problems


def _successors(step: Mapping[str, Any]) -> list[str]:
    if step.get("options"):
        return [option["next"] for option in step["options"]]
    return [step["next"]] if step.get("next") else []


def _validate_graph(data: Mapping[str, Any], name: str) -> list[str]:
    steps = {step["id"]: step for step in data["steps"]}
    problems = []
    if data.get("start") not in steps:
        return [f"{name}.start: must name a step"]
    for step_id, step in steps.items():
        for target in _successors(step):
            if target not in steps:
                problems.append(f"{name}.{step_id}: next step {target!r} does not exist")
    if problems:
        return problems
    reachable: set[str] = set()
    todo = [data["start"]]
    while todo:
        current = todo.pop()
        if current not in reachable:
            reachable.add(current)
            todo.extend(_successors(steps[current]))
    for step_id in steps:
        if step_id not in reachable:
            problems.append(f"{name}.{step_id}: cannot be reached from start")
    # Every step must be able to reach an end step.
    can_end = {step_id for step_id, step in steps.items() if step.get("end")}
    changed = True
    while changed:
        changed = False
        for step_id, step in steps.items():
            if step_id not in can_end and any(t in can_end for t in _successors(step)):
                can_end.add(step_id)
                changed = True
    for step_id in steps:
        if step_id not in can_end:
            problems.append(f"{name}.{step_id}: no path from here reaches an end step")
    return problems


def parse_flow(data: Mapping[str, Any]) -> Flow:
    """A typed flow from a document that passed :func:`validate_flow`."""
    steps = {}
    for raw in data["steps"]:
        task = raw.get("task")
        steps[raw["id"]] = Step(
            id=raw["id"],
            text=raw["text"],
            why=raw.get("why"),
            options=tuple(
                Option(
                    id=option["id"],
                    label=option.get("label"),
                    next=option["next"],
                    status=option.get("status"),
                )
                for option in raw.get("options") or ()
            ),
            next=raw.get("next"),
            end=raw.get("end"),
            task=TaskTemplate(
                key=task["key"],
                title=task["title"],
                days_before_release=task.get("days_before_release"),
            )
            if task
            else None,
            offer_booking=raw.get("offer_booking"),
        )
    return Flow(
        condition=data["condition"],
        title=data["title"],
        intro=data["intro"],
        start=data["start"],
        steps=steps,
        pending=tuple(data.get("pending") or ()),
    )


def read_flow_file(path: Path, languages: tuple[str, ...]) -> Flow:
    """Loads and validates one flow file; FlowError lists every problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise FlowError(f"{path.name}: not valid YAML: {error}") from error
    problems = validate_flow(data, languages, name=path.stem)
    if not problems and data.get("condition") != path.stem:
        problems.append(f"{path.stem}: the file name must be the condition ({data['condition']})")
    if problems:
        raise FlowError("\n".join(problems))
    return parse_flow(data)
