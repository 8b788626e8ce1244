"""AVG inzage and erasure: everything stored about one detainee, and removing it.

Both work on every table of the database that has a ``detainee_id`` column (so a table
added later is included without a change here), on the detainee's own row, on Rasa's
tracker events of the detainee as sender (table ``events``, read and deleted with plain
SQL because it belongs to Rasa) and, for inzage, on the audit entries about them (who
looked at their record). Secrets (columns ending in ``_hash``) are never exported.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from sqlalchemy import MetaData, Table, delete, inspect, select, text
from sqlalchemy.orm import Session

from ric.store import queries
from ric.store.models import (
    AuditEntry,
    Booking,
    ConditionStatus,
    ConsultationSession,
    Detainee,
    Partner,
    RetainedCount,
    UnansweredQuestion,
    utcnow,
)

EVENTS = "events"
WEB_SESSIONS = "web_sessions"  # the portal's server-side sessions (technical, not exported)
EPOCH = dt.datetime(1970, 1, 1)
SECRET_SUFFIX = "_hash"


def _plain(value: Any) -> Any:
    """A JSON-friendly value (dates as ISO text)."""
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


def _tables_with_detainee(session: Session) -> list[Table]:
    """Every table of the database (reflected) with a ``detainee_id`` column."""
    metadata = MetaData()
    metadata.reflect(bind=session.connection())
    return [
        table
        for name, table in sorted(metadata.tables.items())
        if "detainee_id" in table.c and name != Detainee.__tablename__
    ]


def has_events(session: Session) -> bool:
    """Whether Rasa's tracker store table exists yet."""
    return inspect(session.connection()).has_table(EVENTS)


@dataclasses.dataclass
class Inzage:
    """Everything stored about one detainee, as plain data (JSON-ready)."""

    reg_number: str
    made_at: str
    detainee: dict[str, Any]
    tables: dict[str, list[dict[str, Any]]]
    conversation: list[dict[str, Any]]
    audit: list[dict[str, Any]]

    def as_json(self) -> str:
        return json.dumps(dataclasses.asdict(self), ensure_ascii=False, indent=2)


def export(session: Session, reg_number: str) -> Inzage:
    """Collects the detainee's data; raises DetaineeNotFound for an unknown number."""
    detainee = queries.get_detainee(session, reg_number)
    own = {
        column.name: _plain(getattr(detainee, column.key))
        for column in Detainee.__table__.columns
        if not column.name.endswith(SECRET_SUFFIX)
    }
    own["pin_set"] = bool(detainee.pin_hash)
    tables: dict[str, list[dict[str, Any]]] = {}
    for table in _tables_with_detainee(session):
        rows = session.execute(
            select(table).where(table.c.detainee_id == detainee.id).order_by(*table.primary_key)
        ).mappings()
        tables[table.name] = [
            {k: _plain(v) for k, v in row.items() if not k.endswith(SECRET_SUFFIX)} for row in rows
        ]
    partners = {
        row.id: (row.partner.name, row.starts_at.isoformat(), row.room)
        for row in session.scalars(
            select(ConsultationSession)
            .join(Booking, Booking.session_id == ConsultationSession.id)
            .where(Booking.detainee_id == detainee.id)
        )
    }
    for row in tables.get(Booking.__tablename__, []):
        name, starts_at, room = partners.get(row.get("session_id"), ("", "", ""))
        row.update(partner=name, starts_at=starts_at, room=room)
    return Inzage(
        reg_number=detainee.reg_number,
        made_at=utcnow().isoformat(timespec="seconds"),
        detainee=own,
        tables=tables,
        conversation=conversation(session, detainee.reg_number),
        audit=[
            {"at": _plain(e.at), "actor": e.actor, "action": e.action, "target": e.target}
            for e in audit_about(session, detainee.reg_number)
        ],
    )


def conversation(session: Session, sender_id: str) -> list[dict[str, Any]]:
    """The sender's tracker events (user and bot messages, slots, actions), oldest first."""
    if not has_events(session):
        return []
    rows = session.execute(
        text("SELECT type_name, timestamp, data FROM events WHERE sender_id = :sender ORDER BY id"),
        {"sender": sender_id},
    ).all()
    result = []
    for type_name, timestamp, raw in rows:
        try:
            data = json.loads(raw or "{}")
        except ValueError:
            data = {}
        item: dict[str, Any] = {
            "event": type_name,
            "at": (EPOCH + dt.timedelta(seconds=float(timestamp or 0))).isoformat(
                timespec="seconds"
            ),
        }
        for key in ("text", "name", "value"):
            if data.get(key) is not None:
                item[key] = data[key]
        result.append(item)
    return result


def audit_about(session: Session, reg_number: str) -> list[AuditEntry]:
    """Audit entries about the detainee (their number is the target or starts it)."""
    return list(
        session.scalars(
            select(AuditEntry)
            .where((AuditEntry.target == reg_number) | AuditEntry.target.like(f"{reg_number} %"))
            .order_by(AuditEntry.at, AuditEntry.id)
        )
    )


# --- anonymous counts -------------------------------------------------------------------
def month_of(value: dt.date | dt.datetime | None) -> str:
    return (value or utcnow()).strftime("%Y-%m")


def add_count(session: Session, month: str, metric: str, key: str, count: int = 1) -> None:
    """Adds to an anonymous count (one row per month, metric and key)."""
    if count <= 0:
        return
    row = session.scalars(
        select(RetainedCount).where(
            RetainedCount.month == month, RetainedCount.metric == metric, RetainedCount.key == key
        )
    ).one_or_none()
    if row is None:
        session.add(RetainedCount(month=month, metric=metric, key=key[:160], count=count))
    else:
        row.count += count
    session.flush()


def count_unanswered(session: Session, rows: list[UnansweredQuestion]) -> None:
    """Keeps how many questions went unanswered per month and language."""
    for row in rows:
        add_count(session, month_of(row.created_at), "unanswered", row.language)


def retained_counts(session: Session) -> list[RetainedCount]:
    return list(
        session.scalars(
            select(RetainedCount).order_by(
                RetainedCount.month, RetainedCount.metric, RetainedCount.key
            )
        )
    )


# --- erasure ----------------------------------------------------------------------------
def delete_events(session: Session, sender_id: str) -> int:
    """Removes every tracker event of one sender; returns how many rows went."""
    if not has_events(session):
        return 0
    result = session.execute(
        text("DELETE FROM events WHERE sender_id = :sender"), {"sender": sender_id}
    )
    return result.rowcount or 0


def erase(session: Session, reg_number: str) -> dict[str, int]:
    """Removes everything about the detainee, keeping only anonymous counts.

    Returns the number of rows removed per table (``events`` for the conversation).
    Raises DetaineeNotFound for an unknown number.
    """
    detainee = queries.get_detainee(session, reg_number)
    month = month_of(detainee.expected_release)
    for row in session.scalars(
        select(ConditionStatus).where(ConditionStatus.detainee_id == detainee.id)
    ):
        add_count(session, month, "condition_status", f"{row.condition}:{row.status}")
    for name, status in session.execute(
        select(Partner.name, Booking.status)
        .join(ConsultationSession, ConsultationSession.partner_id == Partner.id)
        .join(Booking, Booking.session_id == ConsultationSession.id)
        .where(Booking.detainee_id == detainee.id)
    ):
        add_count(session, month, "booking", f"{name}:{status}")
    count_unanswered(
        session,
        list(
            session.scalars(
                select(UnansweredQuestion).where(UnansweredQuestion.detainee_id == detainee.id)
            )
        ),
    )
    removed = {EVENTS: delete_events(session, detainee.reg_number)}
    if inspect(session.connection()).has_table(WEB_SESSIONS):  # their kiosk sessions end too
        result = session.execute(
            text(f"DELETE FROM {WEB_SESSIONS} WHERE kind = 'detainee' AND sub = :reg"),
            {"reg": detainee.reg_number},
        )
        removed[WEB_SESSIONS] = result.rowcount or 0
    for table in _tables_with_detainee(session):
        result = session.execute(delete(table).where(table.c.detainee_id == detainee.id))
        removed[table.name] = result.rowcount or 0
    session.expunge_all()
    session.execute(delete(Detainee.__table__).where(Detainee.__table__.c.id == detainee.id))
    removed[Detainee.__tablename__] = 1
    session.flush()
    return removed
