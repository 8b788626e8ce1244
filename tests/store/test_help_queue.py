"""The help queue: urgent first then oldest first, per PI, handled with who, when and a note."""

import datetime as dt

import pytest

from ric.store import help_queue, queries
from ric.store.models import HelpRequest


def add(db, reg, pi, kind, minutes_ago):
    try:
        detainee = queries.get_detainee(db, reg)
    except Exception:
        detainee = queries.create_detainee(db, reg, pi=pi)
    request = queries.create_help_request(db, detainee, kind=kind, reason="test")
    request.created_at = dt.datetime(2026, 12, 1, 12, 0) - dt.timedelta(minutes=minutes_ago)
    db.flush()
    return request


def test_urgent_alerts_come_first_then_the_oldest_help_request(db_session):
    help_old = add(db_session, "Q1", "PI A", "help", 30)
    help_new = add(db_session, "Q2", "PI A", "help", 5)
    urgent_new = add(db_session, "Q3", "PI A", "urgent", 1)
    urgent_old = add(db_session, "Q4", "PI A", "urgent", 10)
    order = [item.request.id for item in help_queue.open_queue(db_session, pi="PI A")]
    assert order == [urgent_old.id, urgent_new.id, help_old.id, help_new.id]


def test_each_pi_sees_only_its_own_queue_and_an_account_without_pi_sees_all(db_session):
    a = add(db_session, "P1", "PI A", "help", 3)
    b = add(db_session, "P2", "PI B", "urgent", 2)
    assert [i.request.id for i in help_queue.open_queue(db_session, pi="PI A")] == [a.id]
    assert [i.request.id for i in help_queue.open_queue(db_session, pi="PI B")] == [b.id]
    assert {i.request.id for i in help_queue.open_queue(db_session, pi=None)} == {a.id, b.id}
    with pytest.raises(help_queue.HelpRequestNotFound):
        help_queue.mark_handled(db_session, b.id, by="staff", pi="PI A")
    assert db_session.get(HelpRequest, b.id).status == "open"


def test_marking_handled_records_who_when_and_the_note(db_session):
    request = add(db_session, "H1", "PI A", "urgent", 1)
    now = dt.datetime(2026, 12, 1, 12, 5)
    help_queue.mark_handled(
        db_session, request.id, by="staff", pi="PI A", note=" gesproken ", now=now
    )
    assert (request.status, request.handled_by, request.handled_at, request.handled_note) == (
        "handled",
        "staff",
        now,
        "gesproken",
    )
    assert help_queue.open_queue(db_session, pi="PI A") == []
    assert [i.request.id for i in help_queue.recently_handled(db_session, pi="PI A")] == [
        request.id
    ]


def test_urgent_since_lists_only_new_open_alerts_of_the_pi(db_session):
    first = add(db_session, "U1", "PI A", "urgent", 3)
    mark = help_queue.last_request_id(db_session)
    add(db_session, "U2", "PI A", "help", 2)
    other_pi = add(db_session, "U3", "PI B", "urgent", 1)
    newer = add(db_session, "U1", "PI A", "urgent", 0)
    assert [i.request.id for i in help_queue.urgent_since(db_session, mark, pi="PI A")] == [
        newer.id
    ]
    everywhere = help_queue.urgent_since(db_session, 0, pi=None)
    assert [i.request.id for i in everywhere] == [first.id, other_pi.id, newer.id]
