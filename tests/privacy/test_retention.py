"""Retention: released and inactive data goes after the configured days; counts stay."""

import datetime as dt
import os
import time

from sqlalchemy import select, text

from ric import demo
from ric.privacy import retention
from ric.store import knowledge, queries
from ric.store.db import read_scope, session_scope
from ric.store.models import AnswerFeedback, Detainee, RetainedCount, UnansweredQuestion, utcnow

RULES = retention.RetentionRules(days_after_release=30, days_inactive=180, audio_seconds=600)
NOW = utcnow()


def _senders(db) -> set[str]:
    return {row[0] for row in db.execute(text("SELECT DISTINCT sender_id FROM events"))}


def _setup(sessions, say_to_tracker) -> None:
    """OLD001 was released 40 days ago; DEMO001 is still inside; DEMO002 has been silent."""
    with session_scope(sessions) as db:
        demo.seed_detainees(db, "PI Demo", dt.date.today())
        released = queries.create_detainee(
            db, "OLD001", pi="PI Demo", expected_release=NOW.date() - dt.timedelta(days=40)
        )
        queries.set_condition(db, released, "id", status="done")
        knowledge.record_unanswered(db, released, "vraag van OLD001", "en")
        current = queries.get_detainee(db, "DEMO001")
        old = knowledge.record_unanswered(db, current, "oude vraag", "nl")
        old.created_at = NOW - dt.timedelta(days=200)
        knowledge.record_unanswered(db, current, "nieuwe vraag", "nl")
        feedback = knowledge.record_feedback(db, current, "digid", False, "nl", "oud")
        feedback.created_at = NOW - dt.timedelta(days=181)
    say_to_tracker("OLD001", "hoi")
    say_to_tracker("DEMO001", "vandaag")
    say_to_tracker("DEMO002", "lang geleden", at=NOW - dt.timedelta(days=200))


def test_a_dry_run_says_what_would_go_and_removes_nothing(sessions, say_to_tracker):
    _setup(sessions, say_to_tracker)
    with session_scope(sessions) as db:
        report = retention.purge(db, RULES, now=NOW, dry_run=True)
    assert report.erased_detainees == ["OLD001"]
    assert report.conversations == ["DEMO002"]
    assert report.unanswered == 2 and report.feedback == 1
    assert all(line.startswith("would remove") for line in report.lines())
    with read_scope(sessions) as db:
        assert _senders(db) >= {"OLD001", "DEMO001", "DEMO002"}
        assert db.scalars(select(Detainee).where(Detainee.reg_number == "OLD001")).first()


def test_purge_removes_released_records_stale_conversations_and_old_queue_entries(
    sessions, say_to_tracker
):
    _setup(sessions, say_to_tracker)
    with session_scope(sessions) as db:
        report = retention.purge(db, RULES, now=NOW, dry_run=False)
    assert report.erased_detainees == ["OLD001"] and report.conversations == ["DEMO002"]
    with read_scope(sessions) as db:
        assert _senders(db) == {"DEMO001"}
        regs = set(db.scalars(select(Detainee.reg_number)))
        assert "OLD001" not in regs and {"DEMO001", "DEMO002"} <= regs
        assert [q.text for q in db.scalars(select(UnansweredQuestion))] == ["nieuwe vraag"]
        assert db.scalars(select(AnswerFeedback)).all() == []
        counts = {(r.metric, r.key): r.count for r in db.scalars(select(RetainedCount))}
    assert counts[("condition_status", "id:done")] == 1
    assert counts[("unanswered", "en")] == 1 and counts[("unanswered", "nl")] == 1


def test_a_second_purge_finds_nothing_more(sessions, say_to_tracker):
    _setup(sessions, say_to_tracker)
    with session_scope(sessions) as db:
        retention.purge(db, RULES, now=NOW, dry_run=False)
    with session_scope(sessions) as db:
        again = retention.purge(db, RULES, now=NOW, dry_run=False)
    assert (again.erased_detainees, again.conversations, again.events) == ([], [], 0)


def test_purge_works_before_rasa_wrote_any_conversation(sessions):
    with session_scope(sessions) as db:
        report = retention.purge(db, RULES, now=NOW, dry_run=False)
    assert report.events == 0 and report.conversations == []


def test_audio_older_than_its_lifetime_is_removed_and_newer_audio_stays(tmp_path):
    folder = tmp_path / "audio"
    folder.mkdir()
    old, new = folder / ("a" * 32 + ".wav"), folder / ("b" * 32 + ".wav")
    old.write_bytes(b"RIFF")
    new.write_bytes(b"RIFF")
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    assert retention.purge_audio(folder, 600, dry_run=True) == 1 and old.exists()
    assert retention.purge_audio(folder, 600, dry_run=False) == 1
    assert not old.exists() and new.exists()
