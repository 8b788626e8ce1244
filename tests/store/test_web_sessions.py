"""Server-side portal sessions and sign-in throttling in the case store."""

import datetime as dt
import time

from sqlalchemy import func, select

from ric.store import credentials, staff, web_sessions
from ric.store.db import session_scope
from ric.store.models import SignInFailure, WebSession, utcnow

LIMITS = web_sessions.Limits(
    idle={"detainee": 300, "staff": 1800, "anonymous": 3600}, lifetime=3600
)
THROTTLE = credentials.Throttle(window_seconds=900, max_per_account=5, max_per_address=20)


def _save(db, data, now):
    session_id = web_sessions.new_id()
    web_sessions.save(db, session_id, data, now=now, lifetime=LIMITS.lifetime)
    return session_id


def test_a_saved_session_loads_back_and_the_table_holds_no_cookie_value(sessions):
    """The row is found by the cookie's id, but stores only its SHA-256."""
    now = utcnow()
    with session_scope(sessions) as db:
        session_id = _save(db, {"kind": "detainee", "sub": "DEMO001", "csrf": "t"}, now)
        assert web_sessions.load(db, session_id, now=now, limits=LIMITS)["sub"] == "DEMO001"
        row = db.scalars(select(WebSession)).one()
        assert row.id != session_id and session_id not in row.data
        assert (row.kind, row.sub) == ("detainee", "DEMO001")


def test_an_unknown_or_oversized_id_loads_nothing(sessions):
    """Forged ids open no session."""
    with session_scope(sessions) as db:
        assert web_sessions.load(db, web_sessions.new_id(), now=utcnow(), limits=LIMITS) is None
        assert web_sessions.load(db, "x" * 500, now=utcnow(), limits=LIMITS) is None
        assert web_sessions.load(db, None, now=utcnow(), limits=LIMITS) is None


def test_a_kiosk_session_idle_too_long_ends_and_is_deleted(sessions):
    """300 s without a request ends a detainee session; one request before keeps it."""
    start = utcnow()
    with session_scope(sessions) as db:
        session_id = _save(db, {"kind": "detainee", "sub": "DEMO001"}, start)
        later = start + dt.timedelta(seconds=299)
        assert web_sessions.load(db, session_id, now=later, limits=LIMITS) is not None
        assert web_sessions.load(
            db, session_id, now=later + dt.timedelta(seconds=299), limits=LIMITS
        )
        gone = later + dt.timedelta(seconds=299 + 301)
        assert web_sessions.load(db, session_id, now=gone, limits=LIMITS) is None
        assert db.scalar(select(func.count(WebSession.id))) == 0


def test_a_staff_session_ends_at_its_absolute_life_however_active(sessions):
    """Requests every few minutes do not keep a staff session past PORTAL_SESSION_SECONDS."""
    start = utcnow()
    with session_scope(sessions) as db:
        session_id = _save(db, {"kind": "staff", "sub": "anna", "role": "staff"}, start)
        for minutes in range(10, 60, 10):
            moment = start + dt.timedelta(minutes=minutes)
            assert web_sessions.load(db, session_id, now=moment, limits=LIMITS) is not None
        end = start + dt.timedelta(seconds=LIMITS.lifetime)
        assert web_sessions.load(db, session_id, now=end, limits=LIMITS) is None


def test_delete_and_end_sessions_of_an_account(sessions):
    """Sign-out deletes one session; disabling an account ends all of its sessions."""
    now = utcnow()
    with session_scope(sessions) as db:
        staff.create_account(db, "anna", role="staff", password="long-enough-pw")
        one = _save(db, {"kind": "staff", "sub": "anna", "role": "staff"}, now)
        two = _save(db, {"kind": "staff", "sub": "anna", "role": "staff"}, now)
        other = _save(db, {"kind": "detainee", "sub": "DEMO001"}, now)
        web_sessions.delete_session(db, one)
        assert web_sessions.load(db, one, now=now, limits=LIMITS) is None
        staff.set_active(db, "anna", False)
        assert web_sessions.load(db, two, now=now, limits=LIMITS) is None
        assert web_sessions.load(db, other, now=now, limits=LIMITS) is not None
        assert web_sessions.staff_standing(db, "anna") is None
        staff.set_active(db, "anna", True)
        staff.set_role(db, "anna", "admin")
        assert web_sessions.staff_standing(db, "anna") == ("admin", None)


def test_purge_removes_ended_sessions_only(sessions):
    """The periodic sweep deletes idle and expired rows and keeps live ones."""
    now = utcnow()
    with session_scope(sessions) as db:
        _save(db, {"kind": "detainee", "sub": "DEMO001"}, now - dt.timedelta(seconds=400))
        live = _save(db, {"kind": "detainee", "sub": "DEMO002"}, now)
        assert web_sessions.purge(db, now=now, limits=LIMITS) == 1
        assert web_sessions.load(db, live, now=now, limits=LIMITS) is not None


def test_failures_lock_an_account_for_one_address_only(sessions):
    """Five failures on DEMO001 from one terminal lock it there; another terminal may try."""
    key = credentials.account_key("k" * 32, "detainee", "DEMO001")
    with session_scope(sessions) as db:
        args = {"kind": "detainee", "account": key}
        locks = [
            credentials.record_failure(db, THROTTLE, address="10.0.0.1", **args) for _ in range(5)
        ]
        assert locks == [False, False, False, False, True]
        assert credentials.refusal(db, THROTTLE, address="10.0.0.1", **args) == "account"
        assert credentials.refusal(db, THROTTLE, address="10.0.0.2", **args) is None


def test_failures_from_one_address_on_many_accounts_block_that_address_only(sessions):
    """Twenty failures on different numbers from one address refuse that address, not others."""
    with session_scope(sessions) as db:
        for n in range(20):
            key = credentials.account_key("k" * 32, "detainee", f"T{n:04d}")
            credentials.record_failure(
                db, THROTTLE, kind="detainee", account=key, address="10.0.0.9"
            )
        fresh = credentials.account_key("k" * 32, "detainee", "DEMO002")
        args = {"kind": "detainee", "account": fresh}
        assert credentials.refusal(db, THROTTLE, address="10.0.0.9", **args) == "address"
        assert credentials.refusal(db, THROTTLE, address="10.0.0.8", **args) is None


def test_failures_outside_the_window_no_longer_count_and_success_forgets(sessions):
    """A lock lasts the window; a good sign-in clears the pair's failures."""
    key = credentials.account_key("k" * 32, "staff", "anna")
    old = utcnow() - dt.timedelta(seconds=901)
    with session_scope(sessions) as db:
        args = {"kind": "staff", "account": key, "address": "10.0.0.1"}
        for _ in range(5):
            credentials.record_failure(db, THROTTLE, now=old, **args)
        assert credentials.refusal(db, THROTTLE, **args) is None
        assert credentials.purge_failures(db, THROTTLE) == 5
        credentials.record_failure(db, THROTTLE, **args)
        credentials.record_success(db, **args)
        assert db.scalar(select(func.count(SignInFailure.id))) == 0


def test_the_account_key_is_keyed_and_hides_the_typed_text():
    """The same typed number gives the same key per secret, and the text is not in it."""
    one = credentials.account_key("a" * 32, "detainee", "DEMO001")
    assert one == credentials.account_key("a" * 32, "detainee", " demo001 ")
    assert one != credentials.account_key("b" * 32, "detainee", "DEMO001")
    assert "DEMO001" not in one.upper() and len(one) == 16


def test_an_unknown_account_is_checked_against_a_dummy_hash_in_equal_time():
    """verify_secret(None, …) is False and takes about as long as a real wrong password."""
    real = credentials.hash_secret("long-enough-pw")
    credentials.dummy_hash()  # made once; not part of the measured time

    def fastest(stored):
        times = []
        for _ in range(3):
            start = time.perf_counter()
            assert credentials.verify_secret(stored, "wrong") is False
            times.append(time.perf_counter() - start)
        return min(times)

    known, unknown = fastest(real), fastest(None)
    assert 1 / 3 < unknown / known < 3
    assert credentials.verify_secret(real, "long-enough-pw") is True


def test_an_anonymous_session_in_use_does_not_run_out(sessions):
    """The sign-in page's session slides on with each request (it grants nothing)."""
    start = utcnow()
    with session_scope(sessions) as db:
        session_id = _save(db, {"kind": "anonymous", "csrf": "t"}, start)
        for half_hours in range(1, 6):
            moment = start + dt.timedelta(minutes=30 * half_hours)
            assert web_sessions.load(db, session_id, now=moment, limits=LIMITS) is not None
