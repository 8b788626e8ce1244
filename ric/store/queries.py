"""Query functions of the case store: each takes a session and raises domain errors."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ric.store.errors import DetaineeNotFound, InvalidStatus, TaskNotFound, UnknownCondition
from ric.store.models import (
    CONDITION_STATUSES,
    CONDITIONS,
    HELP_KINDS,
    ConditionEvent,
    ConditionStatus,
    Detainee,
    HelpRequest,
    Task,
    utcnow,
)
from ric.text import clean_text


def get_detainee(session: Session, reg_number: str) -> Detainee:
    """The detainee with this registration number, or DetaineeNotFound."""
    detainee = session.scalars(
        select(Detainee).where(Detainee.reg_number == reg_number)
    ).one_or_none()
    if detainee is None:
        raise DetaineeNotFound(reg_number)
    return detainee


def create_detainee(
    session: Session,
    reg_number: str,
    *,
    pi: str,
    language: str = "nl",
    display_name: str | None = None,
    expected_release: dt.date | None = None,
    synthetic: bool = False,
) -> Detainee:
    """Adds a detainee with all five conditions 'not started'."""
    detainee = Detainee(
        reg_number=reg_number,
        pi=pi,
        language=language,
        display_name=display_name,
        expected_release=expected_release,
        synthetic=synthetic,
    )
    session.add(detainee)
    session.flush()
    for condition in CONDITIONS:
        session.add(ConditionStatus(detainee_id=detainee.id, condition=condition))
    session.flush()
    return detainee


def get_or_create_detainee(
    session: Session, reg_number: str, *, pi: str, language: str = "nl"
) -> Detainee:
    """The detainee, created on first contact when unknown."""
    try:
        return get_detainee(session, reg_number)
    except DetaineeNotFound:
        return create_detainee(session, reg_number, pi=pi, language=language)


def set_language(session: Session, detainee: Detainee, language: str) -> None:
    """Remembers the language the detainee chose."""
    detainee.language = language


def _check_condition(condition: str) -> None:
    if condition not in CONDITIONS:
        raise UnknownCondition(condition)


def condition_statuses(session: Session, detainee: Detainee) -> dict[str, ConditionStatus]:
    """The five conditions of a detainee, in the fixed order, created when missing."""
    rows = session.scalars(
        select(ConditionStatus).where(ConditionStatus.detainee_id == detainee.id)
    ).all()
    by_condition = {row.condition: row for row in rows}
    for condition in CONDITIONS:
        if condition not in by_condition:
            row = ConditionStatus(detainee_id=detainee.id, condition=condition)
            session.add(row)
            by_condition[condition] = row
    session.flush()
    return {condition: by_condition[condition] for condition in CONDITIONS}


def set_condition(
    session: Session,
    detainee: Detainee,
    condition: str,
    *,
    status: str | None = None,
    step: str | None = None,
    keep_step: bool = False,
    actor: str = "assistant",
) -> ConditionStatus:
    """Sets the status and/or the paused step of a condition and records the change."""
    _check_condition(condition)
    if status is not None and status not in CONDITION_STATUSES:
        raise InvalidStatus(status)
    row = condition_statuses(session, detainee)[condition]
    changed = False
    if status is not None and status != row.status:
        row.status = status
        changed = True
    if not keep_step and step != row.current_step:
        row.current_step = step
        changed = True
    if changed:
        row.updated_at = utcnow()
        session.add(
            ConditionEvent(
                detainee_id=detainee.id,
                condition=condition,
                status=row.status,
                step=row.current_step,
                actor=actor,
            )
        )
    session.flush()
    return row


def condition_history(session: Session, detainee: Detainee) -> list[ConditionEvent]:
    """Every recorded change of the detainee's conditions, oldest first."""
    return list(
        session.scalars(
            select(ConditionEvent)
            .where(ConditionEvent.detainee_id == detainee.id)
            .order_by(ConditionEvent.at, ConditionEvent.id)
        )
    )


def due_date_for(
    today: dt.date,
    expected_release: dt.date | None,
    days_before_release: int | None,
    default_days: int,
) -> dt.date | None:
    """Due date of a task that must be done `days_before_release` days before release
    (its lead time: a DigiD letter or a housing search takes weeks).

    None means "zo snel mogelijk": the release date is unknown, or so near that the lead
    time has already begun. A date is never earlier than tomorrow; a task without a lead
    time is due after `default_days`, and not after the release.
    """
    tomorrow = today + dt.timedelta(days=1)
    if days_before_release is not None:
        if expected_release is None:
            return None
        due = expected_release - dt.timedelta(days=days_before_release)
        return due if due >= tomorrow else None
    due = today + dt.timedelta(days=max(default_days, 1))
    if expected_release is not None and expected_release > today:
        due = min(due, max(expected_release - dt.timedelta(days=1), tomorrow))
    return due


def create_task(
    session: Session,
    detainee: Detainee,
    *,
    title: str,
    condition: str | None = None,
    key: str | None = None,
    due_date: dt.date | None = None,
    created_by: str = "assistant",
) -> Task:
    """Adds a task; a keyed task that is still open is returned instead of doubled."""
    if condition is not None:
        _check_condition(condition)
    if key is not None:
        existing = session.scalars(
            select(Task).where(
                Task.detainee_id == detainee.id,
                Task.condition == condition,
                Task.key == key,
                Task.status == "open",
            )
        ).first()
        if existing is not None:
            return existing
    task = Task(
        detainee_id=detainee.id,
        condition=condition,
        key=key,
        title=clean_text(title),
        due_date=due_date,
        created_by=created_by,
    )
    session.add(task)
    session.flush()
    return task


def list_tasks(session: Session, detainee: Detainee, *, status: str | None = "open") -> list[Task]:
    """The detainee's tasks, soonest due first; status None gives all."""
    query = select(Task).where(Task.detainee_id == detainee.id)
    if status is not None:
        query = query.where(Task.status == status)
    query = query.order_by(Task.due_date.is_(None), Task.due_date, Task.id)
    return list(session.scalars(query))


def get_task(session: Session, detainee: Detainee, task_id: int) -> Task:
    """One of the detainee's own tasks, or TaskNotFound."""
    task = session.get(Task, task_id)
    if task is None or task.detainee_id != detainee.id:
        raise TaskNotFound(task_id)
    return task


def complete_task(
    session: Session, detainee: Detainee, task_id: int, *, actor: str = "assistant"
) -> Task:
    """Marks one of the detainee's own tasks done."""
    task = get_task(session, detainee, task_id)
    if task.status != "done":
        task.status = "done"
        task.done_at = utcnow()
    session.flush()
    return task


def create_help_request(
    session: Session,
    detainee: Detainee,
    *,
    kind: str,
    reason: str,
    message: str | None = None,
) -> HelpRequest:
    """Adds a request for RIC staff; kind 'urgent' is a safety alert."""
    if kind not in HELP_KINDS:
        raise InvalidStatus(kind)
    request = HelpRequest(
        detainee_id=detainee.id, kind=kind, reason=reason, message=clean_text(message or "")[:2000]
    )
    session.add(request)
    session.flush()
    return request


def open_help_requests(session: Session, detainee: Detainee | None = None) -> list[HelpRequest]:
    """Open help requests, urgent first, oldest first."""
    query = select(HelpRequest).where(HelpRequest.status == "open")
    if detainee is not None:
        query = query.where(HelpRequest.detainee_id == detainee.id)
    query = query.order_by(HelpRequest.kind.desc(), HelpRequest.created_at)
    return list(session.scalars(query))


def handle_help_request(session: Session, request_id: int, *, by: str) -> HelpRequest:
    """Marks a help request handled by a staff member."""
    request = session.get(HelpRequest, request_id)
    if request is None:
        raise TaskNotFound(request_id)
    request.status = "handled"
    request.handled_at = utcnow()
    request.handled_by = by
    session.flush()
    return request
