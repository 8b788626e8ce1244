"""Retention: what `ric privacy purge` (and the daily run inside `ric run`) removes.

Three rules (docs/privacy.md, "Retention"), each counted before it removes anything:

1. A detainee released more than ``RIC_RETENTION_DAYS_AFTER_RELEASE`` days ago is
   erased entirely (record, conversation, queue entries), like an erasure by an admin.
   Their condition statuses and bookings are first added to the anonymous counts.
2. A conversation (Rasa's tracker events of one sender) whose newest event is older
   than ``RIC_RETENTION_DAYS_INACTIVE`` days is removed; so are queue entries
   (unanswered questions, 'did not help' feedback) older than that. The number of
   unanswered questions per month and language is kept.
3. Read-aloud audio older than ``RIC_AUDIO_TTL_SECONDS`` is removed from ``var/audio``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from pathlib import Path

from sqlalchemy import delete, or_, select, text
from sqlalchemy.orm import Session

from ric.privacy import inzage
from ric.store.models import AnswerFeedback, Detainee, UnansweredQuestion, utcnow


@dataclasses.dataclass(frozen=True)
class RetentionRules:
    """How long things are kept, from the settings."""

    days_after_release: int
    days_inactive: int
    audio_seconds: int

    @classmethod
    def from_settings(cls, settings) -> RetentionRules:  # noqa: ANN001
        return cls(
            days_after_release=settings.ric_retention_days_after_release,
            days_inactive=settings.ric_retention_days_inactive,
            audio_seconds=settings.ric_audio_ttl_seconds,
        )


@dataclasses.dataclass
class PurgeReport:
    """What a purge removed (or, in a dry run, would remove)."""

    dry_run: bool
    erased_detainees: list[str] = dataclasses.field(default_factory=list)
    conversations: list[str] = dataclasses.field(default_factory=list)
    events: int = 0
    unanswered: int = 0
    feedback: int = 0
    audio_files: int = 0

    def lines(self) -> list[str]:
        verb = "would remove" if self.dry_run else "removed"
        return [
            f"{verb}: {len(self.erased_detainees)} detainee record(s) released more than the "
            "retention period ago",
            f"{verb}: {len(self.conversations)} conversation(s), {self.events} tracker event(s)",
            f"{verb}: {self.unanswered} unanswered question(s), {self.feedback} feedback item(s)",
            f"{verb}: {self.audio_files} read-aloud audio file(s)",
        ]


def _stale_senders(session: Session, cutoff: dt.datetime) -> list[str]:
    if not inzage.has_events(session):
        return []
    seconds = (cutoff - inzage.EPOCH).total_seconds()
    rows = session.execute(
        text("SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"),
        {"cutoff": seconds},
    ).all()
    return sorted(row[0] for row in rows)


def _event_count(session: Session, sender: str) -> int:
    return session.execute(
        text("SELECT COUNT(*) FROM events WHERE sender_id = :sender"), {"sender": sender}
    ).scalar_one()


def _not_erased(model, erased_ids: list[int]):  # noqa: ANN001, ANN202
    """Rows not of a detainee erased above (in a dry run they are still there)."""
    return or_(model.detainee_id.is_(None), model.detainee_id.not_in(erased_ids or [-1]))


def purge(
    session: Session, rules: RetentionRules, *, now: dt.datetime | None = None, dry_run: bool
) -> PurgeReport:
    """Applies the retention rules in this session's transaction; returns what went."""
    now = now or utcnow()
    report = PurgeReport(dry_run=dry_run)
    erased_ids: list[int] = []
    released_before = now.date() - dt.timedelta(days=rules.days_after_release)
    for detainee in session.scalars(
        select(Detainee)
        .where(Detainee.expected_release.is_not(None), Detainee.expected_release < released_before)
        .order_by(Detainee.reg_number)
    ).all():
        report.erased_detainees.append(detainee.reg_number)
        erased_ids.append(detainee.id)
        if inzage.has_events(session):
            report.events += _event_count(session, detainee.reg_number)
        report.unanswered += len(
            session.scalars(
                select(UnansweredQuestion.id).where(UnansweredQuestion.detainee_id == detainee.id)
            ).all()
        )
        report.feedback += len(
            session.scalars(
                select(AnswerFeedback.id).where(AnswerFeedback.detainee_id == detainee.id)
            ).all()
        )
        if not dry_run:
            inzage.erase(session, detainee.reg_number)
    cutoff = now - dt.timedelta(days=rules.days_inactive)
    for sender in _stale_senders(session, cutoff):
        if sender in report.erased_detainees:
            continue  # counted above (only reached in a dry run)
        report.conversations.append(sender)
        report.events += _event_count(session, sender)
        if not dry_run:
            inzage.delete_events(session, sender)
    old_questions = list(
        session.scalars(
            select(UnansweredQuestion).where(
                UnansweredQuestion.created_at < cutoff, _not_erased(UnansweredQuestion, erased_ids)
            )
        )
    )
    old_feedback = session.scalars(
        select(AnswerFeedback.id).where(
            AnswerFeedback.created_at < cutoff, _not_erased(AnswerFeedback, erased_ids)
        )
    ).all()
    report.unanswered += len(old_questions)
    report.feedback += len(old_feedback)
    if not dry_run:
        inzage.count_unanswered(session, old_questions)
        session.execute(delete(UnansweredQuestion).where(UnansweredQuestion.created_at < cutoff))
        session.execute(delete(AnswerFeedback).where(AnswerFeedback.created_at < cutoff))
        session.flush()
    return report


def purge_audio(
    folder: Path, max_age_seconds: int, *, dry_run: bool, now: float | None = None
) -> int:
    """Removes (or counts) read-aloud audio files older than max_age_seconds."""
    if not folder.exists():
        return 0
    limit = (now if now is not None else time.time()) - max_age_seconds
    count = 0
    for path in folder.glob("*.wav"):
        if path.stat().st_mtime < limit:
            count += 1
            if not dry_run:
                path.unlink(missing_ok=True)
    return count
