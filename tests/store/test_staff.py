"""Staff accounts, audit log, overview ordering and translation status in the store."""

import datetime as dt

import pytest

from ric.store import queries, staff
from ric.store.credentials import AccountLocked, check_secret
from ric.store.db import session_scope
from ric.store.errors import InvalidStatus
from ric.store.models import utcnow


def test_accounts_get_a_real_password_hash_and_known_roles_only(sessions):
    with session_scope(sessions) as db:
        account = staff.create_account(db, "Anna", role="editor", password="long-enough-pw")
        assert account.username == "anna"
        assert account.password_hash.startswith("$argon2")
        with pytest.raises(InvalidStatus):
            staff.create_account(db, "bob", role="root", password="long-enough-pw")
        with pytest.raises(staff.AccountExists):
            staff.create_account(db, "anna", role="staff", password="long-enough-pw")


def test_five_wrong_passwords_lock_a_staff_account(sessions):
    with session_scope(sessions) as db:
        account = staff.create_account(db, "anna", role="staff", password="long-enough-pw")
        for _ in range(5):
            assert not check_secret(account, "wrong")
        with pytest.raises(AccountLocked):
            check_secret(account, "long-enough-pw")


def test_audit_log_lists_newest_first_and_filters_by_actor(sessions):
    with session_scope(sessions) as db:
        staff.audit(db, "anna", "view_detainee", "T1")
        staff.audit(db, "bob", "view_transcript", "T1")
        assert [e.actor for e in staff.audit_log(db)] == ["bob", "anna"]
        assert [e.action for e in staff.audit_log(db, actor="anna")] == ["view_detainee"]


def test_overview_puts_urgent_alerts_first_and_filters_by_text(sessions):
    with session_scope(sessions) as db:
        today = dt.date.today()
        calm = queries.create_detainee(db, "A1", pi="PI X", expected_release=today)
        alarm = queries.create_detainee(db, "B2", pi="PI X", display_name="Zed")
        queries.create_detainee(db, "C3", pi="PI Y")
        queries.create_help_request(db, alarm, kind="urgent", reason="safety")
        queries.create_task(db, calm, title="Bel de gemeente")
        rows = staff.overview(db, "PI X", now=utcnow())
        assert [r.detainee.reg_number for r in rows] == ["B2", "A1"]
        assert rows[0].urgent == 1 and rows[1].open_tasks == 1
        assert rows[1].days_to_release == 0
        assert [
            r.detainee.reg_number for r in staff.overview(db, "PI X", now=utcnow(), search="zed")
        ] == ["B2"]


def test_transcript_is_empty_when_rasa_has_no_events_table(sessions):
    with session_scope(sessions) as db:
        assert staff.transcript(db, "DEMO001") == []
