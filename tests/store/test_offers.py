"""Offers: what the assistant offered to whom is recorded, and booking checks those rows."""

import datetime as dt

import pytest

from ric.store import booking, queries
from ric.store.errors import NotOffered, SessionFull
from ric.store.models import Booking, Offer

NOW = dt.datetime(2026, 12, 1, 9, 0)
RULES = booking.BookingRules(cutoff=dt.timedelta(hours=2), max_per_partner=1)
VALID = dt.timedelta(minutes=60)


@pytest.fixture
def spreekuur(db_session):
    partner = booking.add_partner(db_session, "UWV Test", "uwv", ["income"])
    return booking.add_session(
        db_session, partner, pi="PI Test", starts_at=NOW + dt.timedelta(days=2), capacity=2
    )


def _detainee(db_session, reg):
    return queries.create_detainee(db_session, reg, pi="PI Test")


def _bookings(db_session):
    return db_session.query(Booking).count()


def test_an_offer_is_recorded_with_detainee_spreekuur_and_time(db_session, spreekuur):
    sam = _detainee(db_session, "O1")
    booking.record_offers(db_session, sam, [spreekuur.id], now=NOW, valid=VALID)
    row = db_session.query(Offer).one()
    assert (row.detainee_id, row.session_id, row.offered_at, row.chosen_at) == (
        sam.id,
        spreekuur.id,
        NOW,
        None,
    )


def test_offered_chosen_and_confirmed_books_once_and_uses_the_offer_up(db_session, spreekuur):
    sam = _detainee(db_session, "O2")
    booking.record_offers(db_session, sam, [spreekuur.id], now=NOW, valid=VALID)
    booking.choose_offered(db_session, sam, spreekuur.id, now=NOW, valid=VALID)
    placed = booking.book_offered(db_session, sam, spreekuur.id, now=NOW, rules=RULES, valid=VALID)
    assert placed.session_id == spreekuur.id and placed.detainee_id == sam.id
    assert db_session.query(Offer).count() == 0
    with pytest.raises(NotOffered):  # a second confirm needs a new offer
        booking.book_offered(db_session, sam, spreekuur.id, now=NOW, rules=RULES, valid=VALID)


def test_a_spreekuur_never_offered_cannot_be_chosen_or_booked(db_session, spreekuur):
    sam = _detainee(db_session, "O3")
    with pytest.raises(NotOffered):
        booking.choose_offered(db_session, sam, spreekuur.id, now=NOW, valid=VALID)
    with pytest.raises(NotOffered):
        booking.book_offered(db_session, sam, spreekuur.id, now=NOW, rules=RULES, valid=VALID)
    assert _bookings(db_session) == 0


def test_an_offer_to_someone_else_does_not_count(db_session, spreekuur):
    sam, elif_ = _detainee(db_session, "O4"), _detainee(db_session, "O5")
    booking.record_offers(db_session, sam, [spreekuur.id], now=NOW, valid=VALID)
    booking.choose_offered(db_session, sam, spreekuur.id, now=NOW, valid=VALID)
    with pytest.raises(NotOffered):
        booking.choose_offered(db_session, elif_, spreekuur.id, now=NOW, valid=VALID)
    with pytest.raises(NotOffered):
        booking.book_offered(db_session, elif_, spreekuur.id, now=NOW, rules=RULES, valid=VALID)
    assert _bookings(db_session) == 0


def test_an_offer_that_was_not_chosen_cannot_be_confirmed(db_session, spreekuur):
    sam = _detainee(db_session, "O6")
    booking.record_offers(db_session, sam, [spreekuur.id], now=NOW, valid=VALID)
    with pytest.raises(NotOffered):
        booking.book_offered(db_session, sam, spreekuur.id, now=NOW, rules=RULES, valid=VALID)
    assert _bookings(db_session) == 0


def test_an_old_offer_expires_and_is_forgotten_at_the_next_offer(db_session, spreekuur):
    sam = _detainee(db_session, "O7")
    booking.record_offers(db_session, sam, [spreekuur.id], now=NOW, valid=VALID)
    later = NOW + VALID + dt.timedelta(minutes=1)
    with pytest.raises(NotOffered):
        booking.choose_offered(db_session, sam, spreekuur.id, now=later, valid=VALID)
    booking.record_offers(db_session, sam, [], now=later, valid=VALID)
    assert db_session.query(Offer).count() == 0


def test_an_offered_spreekuur_must_still_be_bookable(db_session, spreekuur):
    """The offer authorises the detainee; the booking rules still apply (here: full)."""
    sam, elif_, marek = (_detainee(db_session, reg) for reg in ("O8", "O9", "O10"))
    for person in (sam, elif_):
        booking.book(db_session, person, spreekuur.id, now=NOW, rules=RULES)
    booking.record_offers(db_session, marek, [spreekuur.id], now=NOW, valid=VALID)
    booking.choose_offered(db_session, marek, spreekuur.id, now=NOW, valid=VALID)
    with pytest.raises(SessionFull):
        booking.book_offered(db_session, marek, spreekuur.id, now=NOW, rules=RULES, valid=VALID)
