"""Figures for the staff dashboard, one PI at a time, per week in the PI's local time.

Weeks are ISO weeks ("2026-W48") of the local date; a week without anything does not
appear. Nothing here knows of the portal: the dashboard renders what these return.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ric.clock import utc_to_local
from ric.store.models import (
    CONDITIONS,
    Booking,
    ConditionStatus,
    ConsultationSession,
    Detainee,
    HelpRequest,
    Partner,
    UnansweredQuestion,
)


def week_of(moment: dt.datetime, timezone: str) -> str:
    """The ISO week of a stored (naive UTC) moment, by the PI's local date."""
    year, week, _ = utc_to_local(moment, timezone).isocalendar()
    return f"{year}-W{week:02d}"


def week_start(week: str) -> dt.date:
    """The Monday of an ISO week "2026-W48"."""
    year, number = week.split("-W")
    return dt.date.fromisocalendar(int(year), int(number), 1)


def condition_counts(session: Session, pi: str) -> dict[str, dict[str, int]]:
    """Per condition, how many detainees of the PI have each status."""
    counts: dict[str, dict[str, int]] = {c: {} for c in CONDITIONS}
    for condition, status, count in session.execute(
        select(ConditionStatus.condition, ConditionStatus.status, func.count(ConditionStatus.id))
        .join(Detainee, Detainee.id == ConditionStatus.detainee_id)
        .where(Detainee.pi == pi)
        .group_by(ConditionStatus.condition, ConditionStatus.status)
    ):
        counts.setdefault(condition, {})[status] = count
    return counts


def partner_counts(session: Session, pi: str) -> list[tuple[str, int, int, int]]:
    """Per partner, the PI's spreekuren: bookings (not cancelled), attended, no-shows."""
    rows = session.execute(
        select(Partner.name, Booking.status, func.count(Booking.id))
        .join(ConsultationSession, ConsultationSession.partner_id == Partner.id)
        .join(Booking, Booking.session_id == ConsultationSession.id)
        .where(ConsultationSession.pi == pi)
        .group_by(Partner.name, Booking.status)
    ).all()
    table: dict[str, dict[str, int]] = {}
    for name, status, count in rows:
        table.setdefault(name, {})[status] = count
    return [
        (
            name,
            sum(v for k, v in counts.items() if k != "cancelled"),
            counts.get("attended", 0),
            counts.get("no_show", 0),
        )
        for name, counts in sorted(table.items())
    ]


def bookings_per_week(session: Session, pi: str, timezone: str) -> list[tuple[str, str, int]]:
    """(week of the spreekuur, partner, bookings not cancelled), oldest week first."""
    found: dict[tuple[str, str], int] = {}
    for name, starts_at in session.execute(
        select(Partner.name, ConsultationSession.starts_at)
        .join(ConsultationSession, ConsultationSession.partner_id == Partner.id)
        .join(Booking, Booking.session_id == ConsultationSession.id)
        .where(ConsultationSession.pi == pi, Booking.status != "cancelled")
    ):
        key = (week_of(starts_at, timezone), name)
        found[key] = found.get(key, 0) + 1
    return [(week, name, count) for (week, name), count in sorted(found.items())]


def unanswered_per_week(session: Session, pi: str, timezone: str) -> list[tuple[str, int]]:
    """Questions of the PI's detainees the assistant could not answer, per week."""
    weeks: dict[str, int] = {}
    for (created,) in session.execute(
        select(UnansweredQuestion.created_at)
        .join(Detainee, Detainee.id == UnansweredQuestion.detainee_id)
        .where(Detainee.pi == pi)
    ):
        key = week_of(created, timezone)
        weeks[key] = weeks.get(key, 0) + 1
    return sorted(weeks.items())


@dataclasses.dataclass(frozen=True)
class HelpWeek:
    """One week of help requests and urgent alerts of a PI."""

    week: str
    alerts: int
    requests: int
    handled: int
    median_minutes: float | None  # from asking to "afgehandeld", of those handled


def help_per_week(session: Session, pi: str, timezone: str) -> list[HelpWeek]:
    """Help requests and urgent alerts per week (of asking), with the median time to handle."""
    weeks: dict[str, dict] = {}
    for kind, created, handled in session.execute(
        select(HelpRequest.kind, HelpRequest.created_at, HelpRequest.handled_at)
        .join(Detainee, Detainee.id == HelpRequest.detainee_id)
        .where(Detainee.pi == pi)
    ):
        week = weeks.setdefault(
            week_of(created, timezone), {"alerts": 0, "requests": 0, "minutes": []}
        )
        week["alerts" if kind == "urgent" else "requests"] += 1
        if handled is not None:
            week["minutes"].append((handled - created).total_seconds() / 60)
    return [
        HelpWeek(
            week=key,
            alerts=found["alerts"],
            requests=found["requests"],
            handled=len(found["minutes"]),
            median_minutes=statistics.median(found["minutes"]) if found["minutes"] else None,
        )
        for key, found in sorted(weeks.items())
    ]
