"""Unanswered questions and answer feedback, the editors' queue."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from ric.store.errors import InvalidStatus
from ric.store.models import AnswerFeedback, Detainee, UnansweredQuestion
from ric.text import clean_text


def record_unanswered(
    session: Session,
    detainee: Detainee | None,
    text: str,
    language: str,
    *,
    best_slug: str | None = None,
    best_score: float | None = None,
) -> UnansweredQuestion:
    """Keeps a question nobody answered, with the nearest article for the editor."""
    row = UnansweredQuestion(
        detainee_id=detainee.id if detainee else None,
        text=clean_text(text)[:2000],
        language=language,
        best_slug=best_slug,
        best_score=best_score,
    )
    session.add(row)
    session.flush()
    return row


def record_feedback(
    session: Session,
    detainee: Detainee | None,
    slug: str,
    helpful: bool,
    language: str,
    question: str | None = None,
) -> AnswerFeedback:
    """Stores 'did this help?' with the article that answered."""
    row = AnswerFeedback(
        detainee_id=detainee.id if detainee else None,
        slug=slug,
        helpful=helpful,
        language=language,
        question=clean_text(question or "")[:2000] or None,
    )
    session.add(row)
    session.flush()
    return row


def open_unanswered(
    session: Session,
    *,
    limit: int | None = None,
    offset: int = 0,
    lang: str | None = None,
    since: dt.datetime | None = None,
) -> list[UnansweredQuestion]:
    """Open questions, newest first; `limit` and `offset` give one page of them, `lang`
    and `since` (UTC) keep those in one language or asked from then on."""
    query = select(UnansweredQuestion).where(UnansweredQuestion.status == "open")
    if lang:
        query = query.where(UnansweredQuestion.language == lang)
    if since:
        query = query.where(UnansweredQuestion.created_at >= since)
    return list(
        session.scalars(
            query.order_by(UnansweredQuestion.created_at.desc(), UnansweredQuestion.id.desc())
            .limit(limit)
            .offset(offset)
        )
    )


def dismiss_unanswered(session: Session, question_ids: list[int]) -> int:
    """Dismisses these open questions at once (a greeting, a typo, junk: not a question
    for an article); returns how many were still open."""
    rows = session.scalars(
        select(UnansweredQuestion).where(
            UnansweredQuestion.id.in_(question_ids), UnansweredQuestion.status == "open"
        )
    ).all()
    for row in rows:
        row.status = "dismissed"
        row.linked_slug = None
    session.flush()
    return len(rows)


def resolve_unanswered(
    session: Session, question_id: int, *, linked_slug: str | None
) -> UnansweredQuestion:
    """Links an unanswered question to an article, or dismisses it (slug None)."""
    row = session.get(UnansweredQuestion, question_id)
    if row is None:
        raise InvalidStatus(f"no unanswered question {question_id}")
    row.status = "linked" if linked_slug else "dismissed"
    row.linked_slug = linked_slug
    session.flush()
    return row
