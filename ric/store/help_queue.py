"""The help queue of a RIC: urgent alerts first, then help requests, oldest first.

Staff mark a request handled with who, when and an optional note; the live alert on the
staff pages polls `urgent_since` for alerts newer than the last one a page has seen.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from sqlalchemy import case, select
from sqlalchemy.orm import Session

from ric.store.errors import StoreError
from ric.store.models import Detainee, HelpRequest, utcnow
from ric.text import clean_text

NOTE_MAX = 1000


class HelpRequestNotFound(StoreError):
    """No open or handled help request with this id in the PI."""


@dataclasses.dataclass(frozen=True)
class QueueItem:
    """One help request with the registration number and PI of its detainee."""

    request: HelpRequest
    reg_number: str
    pi: str


def _scoped(query, pi: str | None):  # noqa: ANN001, ANN202
    return query.where(Detainee.pi == pi) if pi else query


def open_queue(session: Session, *, pi: str | None, limit: int = 200) -> list[QueueItem]:
    """Open requests of the PI (None: all PIs): urgent first, then the oldest first."""
    urgent_first = case((HelpRequest.kind == "urgent", 0), else_=1)
    query = (
        select(HelpRequest, Detainee.reg_number, Detainee.pi)
        .join(Detainee, Detainee.id == HelpRequest.detainee_id)
        .where(HelpRequest.status == "open")
        .order_by(urgent_first, HelpRequest.created_at, HelpRequest.id)
        .limit(limit)
    )
    return [QueueItem(*row) for row in session.execute(_scoped(query, pi))]


def recently_handled(session: Session, *, pi: str | None, limit: int = 50) -> list[QueueItem]:
    """The last requests handled in the PI, newest first."""
    query = (
        select(HelpRequest, Detainee.reg_number, Detainee.pi)
        .join(Detainee, Detainee.id == HelpRequest.detainee_id)
        .where(HelpRequest.status == "handled")
        .order_by(HelpRequest.handled_at.desc())
        .limit(limit)
    )
    return [QueueItem(*row) for row in session.execute(_scoped(query, pi))]


def mark_handled(
    session: Session,
    request_id: int,
    *,
    by: str,
    pi: str | None,
    note: str = "",
    now: dt.datetime | None = None,
) -> HelpRequest:
    """Marks an open request of the PI handled, with who, when and a note."""
    query = (
        select(HelpRequest)
        .join(Detainee, Detainee.id == HelpRequest.detainee_id)
        .where(HelpRequest.id == request_id)
    )
    request = session.scalars(_scoped(query, pi)).one_or_none()
    if request is None:
        raise HelpRequestNotFound(request_id)
    if request.status == "open":
        request.status = "handled"
        request.handled_at = now or utcnow()
        request.handled_by = by
        request.handled_note = clean_text(note).strip()[:NOTE_MAX] or None
        session.flush()
    return request


def urgent_since(session: Session, after_id: int, *, pi: str | None) -> list[QueueItem]:
    """Open urgent alerts with an id above after_id (what a staff page has not shown yet)."""
    query = (
        select(HelpRequest, Detainee.reg_number, Detainee.pi)
        .join(Detainee, Detainee.id == HelpRequest.detainee_id)
        .where(HelpRequest.kind == "urgent", HelpRequest.status == "open")
        .where(HelpRequest.id > after_id)
        .order_by(HelpRequest.id)
    )
    return [QueueItem(*row) for row in session.execute(_scoped(query, pi))]


def last_request_id(session: Session) -> int:
    """The highest help request id so far (0 when there is none)."""
    return session.scalars(select(HelpRequest.id).order_by(HelpRequest.id.desc())).first() or 0
