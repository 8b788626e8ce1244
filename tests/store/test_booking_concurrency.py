"""Many detainees booking at the same moment never overbook a spreekuur (real databases)."""

import datetime as dt
import random
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from sqlalchemy import func, select

from ric.store import booking, queries
from ric.store.db import session_scope
from ric.store.errors import BookingError
from ric.store.models import Booking, ConsultationSession

NOW = dt.datetime(2026, 12, 1, 9, 0)
RULES = booking.BookingRules(max_per_partner=10)


def _setup(sessions, detainees=50, spreekuren=1, capacity=3):
    with session_scope(sessions) as session:
        partner = booking.add_partner(session, "Gemeente Race", "gemeente", ["id"])
        ids = [
            booking.add_session(
                session,
                partner,
                pi="PI",
                capacity=capacity,
                starts_at=NOW + dt.timedelta(days=1, hours=i),
            ).id
            for i in range(spreekuren)
        ]
        regs = [f"R{i:03d}" for i in range(detainees)]
        for reg in regs:
            queries.create_detainee(session, reg, pi="PI")
    return ids, regs


def _book(sessions, reg, session_id, barrier):
    barrier.wait()
    try:
        with session_scope(sessions) as session:
            detainee = queries.get_detainee(session, reg)
            booking.book(session, detainee, session_id, now=NOW, rules=RULES)
        return "booked"
    except BookingError as error:
        return type(error).__name__


def _fifty_book_three_places(sessions):
    (session_id,), regs = _setup(sessions)
    barrier = threading.Barrier(len(regs))
    with ThreadPoolExecutor(max_workers=len(regs)) as pool:
        results = list(pool.map(lambda reg: _book(sessions, reg, session_id, barrier), regs))
    assert results.count("booked") == 3
    assert results.count("SessionFull") == 47
    with session_scope(sessions) as session:
        assert booking.taken_places(session, session_id) == 3


def _mixed_operations(sessions):
    ids, regs = _setup(sessions, detainees=40, spreekuren=5, capacity=4)
    rng = random.Random(7)
    plan = [(rng.choice(regs), rng.choice(ids), rng.random() < 0.35) for _ in range(200)]
    barrier = threading.Barrier(20)

    def operate(item):
        reg, session_id, cancel = item
        try:
            barrier.wait(timeout=5)
        except threading.BrokenBarrierError:
            pass
        try:
            with session_scope(sessions) as session:
                detainee = queries.get_detainee(session, reg)
                if cancel:
                    mine = [b for b in booking.upcoming_bookings(session, detainee, now=NOW)]
                    if mine:
                        booking.cancel_booking(session, detainee, mine[0].id, now=NOW)
                else:
                    booking.book(session, detainee, session_id, now=NOW, rules=RULES)
        except BookingError:
            pass

    with ThreadPoolExecutor(max_workers=20) as pool:
        list(pool.map(operate, plan))
    with session_scope(sessions) as session:
        for session_id in ids:
            row = session.get(ConsultationSession, session_id)
            taken = session.scalar(
                select(func.count(Booking.id)).where(
                    Booking.session_id == session_id, Booking.status == "booked"
                )
            )
            assert taken <= row.capacity
            assert taken == booking.taken_places(session, session_id)
        doubles = session.execute(
            select(Booking.session_id, Booking.detainee_id, func.count())
            .where(Booking.status == "booked")
            .group_by(Booking.session_id, Booking.detainee_id)
            .having(func.count() > 1)
        ).all()
        assert doubles == []


def test_fifty_detainees_race_for_three_places_on_sqlite(sessions):
    """Exactly 3 bookings and 47 clear 'full' refusals."""
    _fifty_book_three_places(sessions)


@pytest.mark.postgres
def test_fifty_detainees_race_for_three_places_on_postgres(pg_sessions):
    _fifty_book_three_places(pg_sessions)


def test_two_hundred_concurrent_book_and_cancel_operations_keep_counts_right_on_sqlite(sessions):
    _mixed_operations(sessions)


@pytest.mark.postgres
def test_two_hundred_concurrent_book_and_cancel_operations_keep_counts_right_on_postgres(
    pg_sessions,
):
    _mixed_operations(pg_sessions)
