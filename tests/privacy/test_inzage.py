"""AVG inzage and erasure at store level: everything about one detainee, then nothing."""

import datetime as dt
import json

import pytest
from sqlalchemy import select, text

from ric import demo
from ric.privacy import inzage
from ric.store import booking, knowledge, queries, staff
from ric.store.db import read_scope, session_scope
from ric.store.errors import DetaineeNotFound
from ric.store.models import Detainee, RetainedCount, utcnow


@pytest.fixture
def detainee_with_data(sessions, say_to_tracker):
    """DEMO001 with a task, a help request, a booking, queue entries, a conversation."""
    with session_scope(sessions) as db:
        demo.seed_detainees(db, "PI Demo", dt.date.today())
        demo.seed_spreekuren(db, "PI Demo", dt.date.today(), "Europe/Amsterdam")
        detainee = queries.get_detainee(db, "DEMO001")
        queries.create_task(db, detainee, title="Bel de gemeente")
        queries.create_help_request(db, detainee, kind="help", reason="asked")
        queries.set_condition(db, detainee, "housing", status="in_progress")
        rules = booking.BookingRules()
        spreekuur = booking.available_sessions(db, now=utcnow(), rules=rules, pi="PI Demo")[0][0]
        booking.book(db, detainee, spreekuur.id, now=utcnow(), rules=rules)
        knowledge.record_unanswered(db, detainee, "mag ik een hond", "nl")
        knowledge.record_feedback(db, detainee, "digid", False, "nl", "digid kwijt")
        staff.audit(db, "staff", "view_detainee", "DEMO001")
    say_to_tracker("DEMO001", "hoi", "waar is mijn paspoort")
    say_to_tracker("DEMO002", "hallo")
    return "DEMO001"


def test_inzage_holds_every_table_the_conversation_and_who_looked(sessions, detainee_with_data):
    with read_scope(sessions) as db:
        data = inzage.export(db, detainee_with_data)
    assert data.detainee["reg_number"] == "DEMO001" and data.detainee["pin_set"] is True
    assert "pin_hash" not in data.detainee
    assert [t["title"] for t in data.tables["tasks"]] == ["Bel de gemeente"]
    assert len(data.tables["help_requests"]) == 1
    assert data.tables["bookings"][0]["partner"]
    assert data.tables["unanswered_questions"][0]["text"] == "mag ik een hond"
    assert data.tables["answer_feedback"][0]["question"] == "digid kwijt"
    assert [e["text"] for e in data.conversation if e["event"] == "user"] == [
        "hoi",
        "waar is mijn paspoort",
    ]
    assert [(e["actor"], e["action"]) for e in data.audit] == [("staff", "view_detainee")]
    parsed = json.loads(data.as_json())
    assert parsed["reg_number"] == "DEMO001" and "hallo" not in data.as_json()


def test_inzage_of_an_unknown_number_raises_detainee_not_found(sessions):
    with read_scope(sessions) as db, pytest.raises(DetaineeNotFound):
        inzage.export(db, "NOBODY")


def test_erasure_removes_everything_about_the_detainee_and_keeps_anonymous_counts(
    sessions, detainee_with_data
):
    with session_scope(sessions) as db:
        removed = inzage.erase(db, detainee_with_data)
    assert removed["detainees"] == 1 and removed["events"] >= 2 and removed["tasks"] == 1
    with read_scope(sessions) as db:
        assert db.scalars(select(Detainee.reg_number)).all().count("DEMO001") == 0
        leftover = db.execute(
            text("SELECT COUNT(*) FROM events WHERE sender_id = 'DEMO001'")
        ).scalar_one()
        assert leftover == 0
        assert (
            db.execute(text("SELECT COUNT(*) FROM events WHERE sender_id = 'DEMO002'")).scalar_one()
            > 0
        ), "another detainee's conversation stays"
        counts = {(r.metric, r.key): r.count for r in db.scalars(select(RetainedCount))}
    assert counts[("condition_status", "housing:in_progress")] == 1
    assert counts[("unanswered", "nl")] == 1
    assert any(metric == "booking" for metric, _ in counts)
    assert not any("DEMO001" in key for _, key in counts)
