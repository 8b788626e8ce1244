"""Dashboard figures: per PI, per ISO week of the PI's local date (ric.store.statistics)."""

import datetime as dt

from ric.store import booking, knowledge, queries, statistics
from ric.store.models import Booking

TZ = "Europe/Amsterdam"
MONDAY = dt.datetime(2026, 11, 30, 9, 0)  # UTC; week 2026-W49 in Amsterdam


def test_a_moment_late_on_sunday_in_utc_is_already_next_week_in_amsterdam():
    assert statistics.week_of(dt.datetime(2026, 11, 29, 23, 30), TZ) == "2026-W49"
    assert statistics.week_of(dt.datetime(2026, 11, 29, 22, 30), TZ) == "2026-W48"
    assert statistics.week_start("2026-W49") == dt.date(2026, 11, 30)


def test_help_per_week_counts_alerts_and_requests_and_the_median_time_to_handle(db_session):
    detainee = queries.create_detainee(db_session, "S1", pi="PI A")
    other = queries.create_detainee(db_session, "S2", pi="PI B")
    for kind, minutes in (("urgent", 4), ("urgent", 10), ("help", 60), ("help", None)):
        row = queries.create_help_request(db_session, detainee, kind=kind, reason="test")
        row.created_at = MONDAY
        if minutes is not None:
            row.handled_at = MONDAY + dt.timedelta(minutes=minutes)
            row.status = "handled"
    queries.create_help_request(db_session, other, kind="urgent", reason="test")
    db_session.flush()

    (week,) = statistics.help_per_week(db_session, "PI A", TZ)

    assert (week.week, week.alerts, week.requests, week.handled) == ("2026-W49", 2, 2, 3)
    assert week.median_minutes == 10


def test_bookings_and_unanswered_questions_per_week_are_of_the_pi_only(db_session):
    partner = booking.add_partner(db_session, "Gemeente Test", "gemeente", ["housing"])
    mine = booking.add_session(db_session, partner, pi="PI A", starts_at=MONDAY, capacity=5)
    theirs = booking.add_session(db_session, partner, pi="PI B", starts_at=MONDAY, capacity=5)
    a, b = (
        queries.create_detainee(db_session, r, pi=p) for r, p in (("S3", "PI A"), ("S4", "PI B"))
    )
    db_session.add_all(
        [
            Booking(session_id=mine.id, detainee_id=a.id),
            Booking(session_id=theirs.id, detainee_id=b.id),
        ]
    )
    for person in (a, a, b):
        knowledge.record_unanswered(
            db_session, person, "mag mijn hond mee", "nl"
        ).created_at = MONDAY
    db_session.flush()

    assert statistics.bookings_per_week(db_session, "PI A", TZ) == [
        ("2026-W49", "Gemeente Test", 1)
    ]
    assert statistics.partner_counts(db_session, "PI A") == [("Gemeente Test", 1, 0, 0)]
    assert statistics.unanswered_per_week(db_session, "PI A", TZ) == [("2026-W49", 2)]
    assert statistics.help_per_week(db_session, "PI C", TZ) == []
