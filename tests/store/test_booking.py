"""Booking rules of the spreekuren, each error path, on the real store."""

import datetime as dt

import pytest

from ric.protocol import booking_task_key
from ric.store import booking, queries
from ric.store.errors import (
    AlreadyBooked,
    BookingNotFound,
    InvalidStatus,
    PartnerLimitReached,
    SessionCancelled,
    SessionFull,
    SessionInPast,
    SessionNotFound,
    TooLateToBook,
)
from ric.store.models import Task

NOW = dt.datetime(2026, 12, 1, 9, 0)
RULES = booking.BookingRules(cutoff=dt.timedelta(hours=2), max_per_partner=1)


@pytest.fixture
def partner(db_session):
    return booking.add_partner(db_session, "Gemeente Test", "gemeente", ["id", "housing"])


def _session(db_session, partner, hours=24, capacity=3):
    return booking.add_session(
        db_session,
        partner,
        pi="PI Test",
        starts_at=NOW + dt.timedelta(hours=hours),
        capacity=capacity,
    )


def _detainee(db_session, reg):
    return queries.create_detainee(db_session, reg, pi="PI Test")


def test_booking_takes_a_place_and_cancelling_frees_it(db_session, partner):
    spreekuur = _session(db_session, partner, capacity=1)
    sam = _detainee(db_session, "B1")
    placed = booking.book(db_session, sam, spreekuur.id, now=NOW, rules=RULES)
    assert booking.taken_places(db_session, spreekuur.id) == 1
    assert booking.available_sessions(db_session, now=NOW, rules=RULES) == []
    booking.cancel_booking(db_session, sam, placed.id, now=NOW)
    assert booking.taken_places(db_session, spreekuur.id) == 0
    assert placed.status == "cancelled" and placed.cancelled_at == NOW


def test_a_full_session_refuses_the_next_booking(db_session, partner):
    spreekuur = _session(db_session, partner, capacity=1)
    booking.book(db_session, _detainee(db_session, "B2"), spreekuur.id, now=NOW, rules=RULES)
    with pytest.raises(SessionFull):
        booking.book(db_session, _detainee(db_session, "B3"), spreekuur.id, now=NOW, rules=RULES)


def test_no_booking_in_the_past_or_within_the_cutoff(db_session, partner):
    past = _session(db_session, partner, hours=-1)
    soon = _session(db_session, partner, hours=1)
    sam = _detainee(db_session, "B4")
    with pytest.raises(SessionInPast):
        booking.book(db_session, sam, past.id, now=NOW, rules=RULES)
    with pytest.raises(TooLateToBook):
        booking.book(db_session, sam, soon.id, now=NOW, rules=RULES)


def test_one_active_booking_per_detainee_per_session(db_session, partner):
    spreekuur = _session(db_session, partner)
    sam = _detainee(db_session, "B5")
    booking.book(db_session, sam, spreekuur.id, now=NOW, rules=RULES)
    with pytest.raises(AlreadyBooked):
        booking.book(
            db_session, sam, spreekuur.id, now=NOW, rules=booking.BookingRules(max_per_partner=5)
        )


def test_at_most_the_configured_future_bookings_per_partner(db_session, partner):
    first, second = _session(db_session, partner, 24), _session(db_session, partner, 48)
    sam = _detainee(db_session, "B6")
    booking.book(db_session, sam, first.id, now=NOW, rules=RULES)
    with pytest.raises(PartnerLimitReached):
        booking.book(db_session, sam, second.id, now=NOW, rules=RULES)
    two = booking.BookingRules(max_per_partner=2)
    assert booking.book(db_session, sam, second.id, now=NOW, rules=two).status == "booked"


def test_cancelled_or_unknown_sessions_and_inactive_partners_cannot_be_booked(db_session, partner):
    spreekuur = _session(db_session, partner)
    sam = _detainee(db_session, "B7")
    with pytest.raises(SessionNotFound):
        booking.book(db_session, sam, 9999, now=NOW, rules=RULES)
    booking.cancel_session(db_session, spreekuur.id, by="staff1", now=NOW)
    with pytest.raises(SessionCancelled):
        booking.book(db_session, sam, spreekuur.id, now=NOW, rules=RULES)
    other = _session(db_session, partner, 30)
    partner.active = False
    with pytest.raises(SessionNotFound):
        booking.book(db_session, sam, other.id, now=NOW, rules=RULES)


def test_staff_cancelling_a_session_cancels_bookings_and_queues_a_notice(db_session, partner):
    spreekuur = _session(db_session, partner)
    sam = _detainee(db_session, "B8")
    placed = booking.book(db_session, sam, spreekuur.id, now=NOW, rules=RULES)
    queries.create_task(
        db_session, sam, title="Ga naar het spreekuur", key=booking_task_key(placed.id)
    )
    booking.cancel_session(db_session, spreekuur.id, by="staff1", now=NOW)
    assert placed.status == "cancelled" and placed.changed_by == "staff1"
    assert db_session.query(Task).one().status == "cancelled"
    notices = booking.take_cancellation_notices(db_session, sam)
    assert [n.id for n in notices] == [placed.id]
    assert booking.take_cancellation_notices(db_session, sam) == []


def test_a_detainee_cannot_cancel_someone_elses_or_a_past_booking(db_session, partner):
    spreekuur = _session(db_session, partner)
    sam, kim = _detainee(db_session, "B9"), _detainee(db_session, "B10")
    placed = booking.book(db_session, sam, spreekuur.id, now=NOW, rules=RULES)
    with pytest.raises(BookingNotFound):
        booking.cancel_booking(db_session, kim, placed.id, now=NOW)
    with pytest.raises(BookingNotFound):
        booking.cancel_booking(db_session, sam, placed.id, now=NOW + dt.timedelta(days=2))


def test_available_sessions_are_soonest_first_with_free_places_and_filtered_by_kind(
    db_session, partner
):
    later = _session(db_session, partner, 48, capacity=2)
    sooner = _session(db_session, partner, 24, capacity=2)
    uwv = booking.add_partner(db_session, "UWV Test", "uwv", ["income"])
    _session(db_session, uwv, 30)
    booking.book(db_session, _detainee(db_session, "B11"), sooner.id, now=NOW, rules=RULES)
    found = booking.available_sessions(db_session, now=NOW, rules=RULES, kind="gemeente")
    assert [(s.id, free) for s, free in found] == [(sooner.id, 1), (later.id, 2)]
    assert booking.partner_kinds_with_sessions(db_session, now=NOW, rules=RULES) == [
        "gemeente",
        "uwv",
    ]


def test_attendance_can_be_marked_by_staff(db_session, partner):
    spreekuur = _session(db_session, partner)
    placed = booking.book(
        db_session, _detainee(db_session, "B12"), spreekuur.id, now=NOW, rules=RULES
    )
    booking.mark_attendance(db_session, placed.id, "no_show", by="staff1")
    assert [b.status for b in booking.attendees(db_session, spreekuur.id)] == ["no_show"]
    with pytest.raises(InvalidStatus):
        booking.mark_attendance(db_session, placed.id, "late", by="staff1")


def test_weekly_sessions_repeat_every_seven_days(db_session, partner):
    rows = booking.add_weekly_sessions(
        db_session, partner, weeks=3, starts_at=NOW, pi="PI", capacity=2
    )
    assert [r.starts_at for r in rows] == [NOW + dt.timedelta(weeks=i) for i in range(3)]


def test_unknown_partner_kind_is_refused(db_session):
    with pytest.raises(InvalidStatus):
        booking.add_partner(db_session, "X", "kapper", [])
