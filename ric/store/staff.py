"""Staff accounts, the audit log, the staff overview, transcripts, statistics and revisions.

The transcript is read from Rasa's SQL tracker store (table ``events``) in the same
database; that table belongs to Rasa, so it is only read, with plain SQL.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from typing import Any

from sqlalchemy import func, inspect, select, text
from sqlalchemy.orm import Session

from ric.store import booking
from ric.store.credentials import hash_secret
from ric.store.errors import InvalidStatus, StoreError, TaskNotFound
from ric.store.models import (
    CONDITIONS,
    STAFF_ROLES,
    TASK_STATUSES,
    AnswerFeedback,
    AuditEntry,
    Booking,
    ConditionStatus,
    ConsultationSession,
    ContentRevision,
    Detainee,
    HelpRequest,
    StaffAccount,
    Task,
)
from ric.store.web_sessions import end_sessions_of
from ric.text import clean_text

LOW_CONFIDENCE = 0.5
FALLBACK_INTENT = "nlu_fallback"


class AccountExists(StoreError):
    """A staff account with this username already exists."""


class AccountNotFound(StoreError):
    """No staff account with this username."""


class RevisionNotFound(StoreError):
    """No content revision with this id."""


# --- accounts ---------------------------------------------------------------------------
def create_account(
    session: Session,
    username: str,
    *,
    role: str,
    password: str,
    display_name: str | None = None,
    pi: str | None = None,
) -> StaffAccount:
    """Adds a staff account with an argon2 password hash; pi None: every PI."""
    if role not in STAFF_ROLES:
        raise InvalidStatus(f"unknown role {role!r}")
    if len(password) < 10:
        raise InvalidStatus("a password needs at least 10 characters")
    username = username.strip().lower()
    if session.scalars(select(StaffAccount).where(StaffAccount.username == username)).first():
        raise AccountExists(username)
    account = StaffAccount(
        username=username,
        display_name=display_name or username,
        role=role,
        password_hash=hash_secret(password),
        failed_logins=0,
        pi=(pi or "").strip() or None,
    )
    session.add(account)
    session.flush()
    return account


def get_account(session: Session, username: str) -> StaffAccount:
    """The account with this username, or AccountNotFound."""
    account = session.scalars(
        select(StaffAccount).where(StaffAccount.username == username.strip().lower())
    ).one_or_none()
    if account is None:
        raise AccountNotFound(username)
    return account


def set_active(session: Session, username: str, active: bool) -> StaffAccount:
    """Enables or disables an account; a disabled account's sessions end at once."""
    account = get_account(session, username)
    account.active = active
    if not active:
        end_sessions_of(session, "staff", account.username)
    session.flush()
    return account


def set_role(session: Session, username: str, role: str) -> StaffAccount:
    """Gives an account another role; open sessions get it at their next request."""
    if role not in STAFF_ROLES:
        raise InvalidStatus(f"unknown role {role!r}")
    account = get_account(session, username)
    account.role = role
    session.flush()
    return account


# --- audit ------------------------------------------------------------------------------
def audit(session: Session, actor: str, action: str, target: str = "") -> AuditEntry:
    """Writes one line to the audit log."""
    entry = AuditEntry(actor=clean_text(actor), action=action, target=clean_text(target)[:255])
    session.add(entry)
    session.flush()
    return entry


def audit_log(session: Session, *, actor: str | None = None, limit: int = 500) -> list[AuditEntry]:
    """The newest audit entries first."""
    query = select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(limit)
    if actor:
        query = query.where(AuditEntry.actor == actor)
    return list(session.scalars(query))


# --- overview ---------------------------------------------------------------------------
@dataclasses.dataclass
class OverviewRow:
    detainee: Detainee
    conditions: dict[str, str]
    days_to_release: int | None
    open_tasks: int
    next_appointment: dt.datetime | None
    open_help: int
    urgent: int


def overview(
    session: Session,
    pi: str,
    *,
    now: dt.datetime,
    search: str = "",
    limit: int | None = None,
    offset: int = 0,
) -> list[OverviewRow]:
    """Detainees of the PI: urgent alerts first, then open help requests, then release;
    `limit` and `offset` give one page of that order."""
    query = select(Detainee).where(Detainee.pi == pi)
    if search.strip():
        like = f"%{search.strip().lower()}%"
        query = query.where(
            func.lower(Detainee.reg_number).like(like)
            | func.lower(func.coalesce(Detainee.display_name, "")).like(like)
        )
    detainees = list(session.scalars(query))
    ids = [d.id for d in detainees]
    statuses: dict[int, dict[str, str]] = {i: dict.fromkeys(CONDITIONS, "not_started") for i in ids}
    for row in session.scalars(select(ConditionStatus).where(ConditionStatus.detainee_id.in_(ids))):
        statuses[row.detainee_id][row.condition] = row.status
    tasks = dict(
        session.execute(
            select(Task.detainee_id, func.count(Task.id))
            .where(Task.detainee_id.in_(ids), Task.status == "open")
            .group_by(Task.detainee_id)
        ).all()
    )
    help_counts: dict[int, dict[str, int]] = {}
    for detainee_id, kind, count in session.execute(
        select(HelpRequest.detainee_id, HelpRequest.kind, func.count(HelpRequest.id))
        .where(HelpRequest.detainee_id.in_(ids), HelpRequest.status == "open")
        .group_by(HelpRequest.detainee_id, HelpRequest.kind)
    ):
        help_counts.setdefault(detainee_id, {})[kind] = count
    appointments = dict(
        session.execute(
            select(Booking.detainee_id, func.min(ConsultationSession.starts_at))
            .join(ConsultationSession, ConsultationSession.id == Booking.session_id)
            .where(
                Booking.detainee_id.in_(ids),
                Booking.status == "booked",
                ConsultationSession.starts_at > now,
            )
            .group_by(Booking.detainee_id)
        ).all()
    )
    rows = []
    for detainee in detainees:
        counts = help_counts.get(detainee.id, {})
        release = detainee.expected_release
        rows.append(
            OverviewRow(
                detainee=detainee,
                conditions=statuses[detainee.id],
                days_to_release=(release - now.date()).days if release else None,
                open_tasks=tasks.get(detainee.id, 0),
                next_appointment=appointments.get(detainee.id),
                open_help=counts.get("help", 0),
                urgent=counts.get("urgent", 0),
            )
        )
    rows.sort(
        key=lambda r: (
            -r.urgent,
            -r.open_help,
            r.days_to_release if r.days_to_release is not None else 10**6,
            r.detainee.reg_number,
        )
    )
    return rows[offset : None if limit is None else offset + limit]


# --- tasks and help requests by staff ---------------------------------------------------
def update_task(
    session: Session,
    detainee: Detainee,
    task_id: int,
    *,
    title: str | None = None,
    due_date: dt.date | None = None,
    status: str | None = None,
) -> Task:
    """Staff change a task's title, due date or status (done/cancelled closes it)."""
    task = session.get(Task, task_id)
    if task is None or task.detainee_id != detainee.id:
        raise TaskNotFound(task_id)
    if title is not None and title.strip():
        task.title = clean_text(title.strip())[:255]
    if due_date is not None:
        task.due_date = due_date
    if status is not None:
        if status not in TASK_STATUSES:
            raise InvalidStatus(status)
        task.status = status
        task.done_at = dt.datetime.utcnow() if status == "done" else None
    session.flush()
    return task


def help_requests(session: Session, detainee: Detainee) -> list[HelpRequest]:
    """All help requests of a detainee: open first, newest first."""
    return list(
        session.scalars(
            select(HelpRequest)
            .where(HelpRequest.detainee_id == detainee.id)
            .order_by((HelpRequest.status == "open").desc(), HelpRequest.created_at.desc())
        )
    )


def bookings_of(session: Session, detainee: Detainee) -> list[Booking]:
    """Every booking of a detainee, newest spreekuur first."""
    return list(
        session.scalars(
            select(Booking)
            .join(ConsultationSession, ConsultationSession.id == Booking.session_id)
            .where(Booking.detainee_id == detainee.id)
            .order_by(ConsultationSession.starts_at.desc())
        )
    )


# --- transcript -------------------------------------------------------------------------
# Reply keys (registered in ric.replies) that say the assistant could not use the message
# before them, and the ones that answer it; tests/store/test_staff_transcript.py checks
# that each is a registered reply.
NOT_UNDERSTOOD_REPLIES = frozenset({"dont_know", "flow_not_understood"})
ANSWERING_REPLIES = frozenset({"article", "safety"})
EPOCH = dt.datetime(1970, 1, 1)


@dataclasses.dataclass
class Turn:
    """One line of a conversation, read from Rasa's tracker store.

    A button press has the `payload` it sent; its `text` is the button's title as the bot
    message before it offered it, in that message's `language` (`titled`), else the
    payload itself. A bot line has the reply key and parameters its action sent (kept by
    Rasa in the event's metadata); a user line has the keys of the replies that followed.
    """

    side: str  # "user" or "bot"
    at: dt.datetime
    text: str
    language: str | None = None
    intent: str | None = None
    confidence: float | None = None
    payload: str | None = None
    titled: bool = False
    reply_key: str | None = None
    params: dict[str, Any] = dataclasses.field(default_factory=dict)
    custom: dict[str, Any] = dataclasses.field(default_factory=dict)
    buttons: list[str] = dataclasses.field(default_factory=list)
    replies: list[str] = dataclasses.field(default_factory=list)

    @property
    def button(self) -> bool:
        """A pressed button (a payload), not typed text."""
        return self.payload is not None

    @property
    def not_understood(self) -> bool:
        """A user message the assistant could not answer: it said so, or the NLU fell back
        and no article or safety reply followed."""
        if self.side != "user":
            return False
        replies = set(self.replies)
        if replies & NOT_UNDERSTOOD_REPLIES:
            return True
        return self.intent == FALLBACK_INTENT and not replies & ANSWERING_REPLIES

    @property
    def nlu_decided(self) -> bool:
        """Typed text the NLU classified and the assistant used: its confidence means something."""
        return (
            self.side == "user"
            and not self.button
            and self.intent is not None
            and self.confidence is not None
            and not self.not_understood
        )

    @property
    def flagged(self) -> bool:
        """Not understood, or typed text the NLU was not sure of."""
        return self.not_understood or (
            self.nlu_decided and (self.confidence or 0.0) < LOW_CONFIDENCE
        )


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _payload_key(payload: str) -> str:
    """A payload with its JSON part in one spelling, so '/a{"x": 1}' matches '/a{"x":1}'."""
    name, brace, rest = payload.partition("{")
    if not brace:
        return payload.strip()
    try:
        entities = json.loads(brace + rest)
    except ValueError:
        return payload.strip()
    return name.strip() + json.dumps(entities, sort_keys=True, separators=(",", ":"))


def _user_turn(
    data: dict[str, Any], at: dt.datetime, offered: dict[str, tuple[str, str | None]]
) -> Turn:
    message = clean_text(str(data.get("text") or ""))
    metadata = _mapping(data.get("metadata"))
    intent = _mapping(_mapping(data.get("parse_data")).get("intent"))
    confidence = intent.get("confidence")
    turn = Turn(
        side="user",
        at=at,
        text=message,
        language=metadata.get("language") or None,
        intent=clean_text(str(intent["name"])) if intent.get("name") else None,
        confidence=float(confidence) if isinstance(confidence, int | float) else None,
    )
    if message.startswith("/"):
        turn.payload = message
        title, language = offered.get(_payload_key(message), (None, None))
        if title:
            turn.text, turn.titled = title, True
            turn.language = language or turn.language
    return turn


def _bot_turn(data: dict[str, Any], at: dt.datetime) -> Turn:
    metadata = _mapping(data.get("metadata"))
    extra = _mapping(data.get("data"))
    custom = _mapping(extra.get("custom"))
    key = metadata.get("utter_action")
    buttons = [b for b in extra.get("buttons") or [] if isinstance(b, dict)]
    return Turn(
        side="bot",
        at=at,
        text=clean_text(str(data.get("text") or "")),
        language=metadata.get("lang") or metadata.get("language") or custom.get("lang"),
        reply_key=str(key).removeprefix("utter_") if key else None,
        params=_mapping(metadata.get("params")),
        custom=custom,
        buttons=[clean_text(str(b.get("title") or "")) for b in buttons],
    )


def _offers(data: dict[str, Any], language: str | None) -> dict[str, tuple[str, str | None]]:
    """The buttons a bot event offered: payload (one spelling) -> (title, language)."""
    offers = {}
    for button in _mapping(data.get("data")).get("buttons") or []:
        if isinstance(button, dict) and button.get("payload") and button.get("title"):
            title = clean_text(str(button["title"]))
            offers[_payload_key(str(button["payload"]))] = (title, language)
    return offers


def transcript(
    session: Session,
    sender_id: str,
    *,
    start: dt.datetime | None = None,
    end: dt.datetime | None = None,
    not_understood_only: bool = False,
) -> list[Turn]:
    """The user and bot messages of one sender, oldest first, between two UTC moments.

    Button presses get the title the detainee saw (also when the message that offered
    the button is before `start`). `not_understood_only`: only the messages the
    assistant could not answer, each with the replies that followed it.
    """
    if not inspect(session.connection()).has_table("events"):
        return []  # Rasa has not written a conversation yet
    sql = "SELECT type_name, timestamp, data FROM events WHERE sender_id = :sender"
    params: dict[str, Any] = {"sender": sender_id}
    if end is not None:
        sql += " AND timestamp < :end"
        params["end"] = (end - EPOCH).total_seconds()
    sql += " AND type_name IN ('user', 'bot') ORDER BY id"
    offered: dict[str, tuple[str, str | None]] = {}
    turns: list[Turn] = []
    last_user: Turn | None = None
    for type_name, timestamp, raw in session.execute(text(sql), params):
        try:
            data = _mapping(json.loads(raw or "{}"))
        except ValueError:
            data = {}
        try:
            at = EPOCH + dt.timedelta(seconds=float(timestamp or 0))
        except (TypeError, ValueError, OverflowError):
            at = EPOCH
        if type_name == "user":
            last_user = _user_turn(data, at, offered)
            turn = last_user
        else:
            turn = _bot_turn(data, at)
            offered.update(_offers(data, turn.language))
            if last_user is not None and turn.reply_key:
                last_user.replies.append(turn.reply_key)
        if start is None or at >= start:
            turns.append(turn)
    if not_understood_only:
        return _not_understood_with_replies(turns)
    return turns


def _not_understood_with_replies(turns: list[Turn]) -> list[Turn]:
    kept: list[Turn] = []
    keep = False
    for turn in turns:
        if turn.side == "user":
            keep = turn.not_understood
        if keep:
            kept.append(turn)
    return kept


# --- spreekuren -------------------------------------------------------------------------
def sessions_overview(
    session: Session, *, pi: str, since: dt.datetime, limit: int = 100
) -> list[tuple[ConsultationSession, int]]:
    """Spreekuren from a moment on (cancelled ones too), with the places taken."""
    rows = session.scalars(
        select(ConsultationSession)
        .where(ConsultationSession.pi == pi, ConsultationSession.starts_at >= since)
        .order_by(ConsultationSession.starts_at)
        .limit(limit)
    ).all()
    return [(row, booking.taken_places(session, row.id)) for row in rows]


# --- feedback queue ---------------------------------------------------------------------
def open_unhelpful(
    session: Session,
    *,
    limit: int | None = None,
    offset: int = 0,
    lang: str | None = None,
    since: dt.datetime | None = None,
) -> list[AnswerFeedback]:
    """'Did not help' feedback that no editor looked at yet, newest first (one page of it
    with `limit` and `offset`; `lang` and `since` (UTC) as for open questions)."""
    query = select(AnswerFeedback).where(
        AnswerFeedback.helpful.is_(False), AnswerFeedback.status == "open"
    )
    if lang:
        query = query.where(AnswerFeedback.language == lang)
    if since:
        query = query.where(AnswerFeedback.created_at >= since)
    return list(
        session.scalars(
            query.order_by(AnswerFeedback.created_at.desc(), AnswerFeedback.id.desc())
            .limit(limit)
            .offset(offset)
        )
    )


def resolve_feedback(session: Session, feedback_id: int, *, linked: bool) -> AnswerFeedback:
    """Marks 'did not help' feedback as linked to an article or dismissed."""
    row = session.get(AnswerFeedback, feedback_id)
    if row is None:
        raise InvalidStatus(f"no feedback {feedback_id}")
    row.status = "linked" if linked else "dismissed"
    session.flush()
    return row


# --- content revisions ------------------------------------------------------------------
def record_revision(
    session: Session,
    *,
    kind: str,
    slug: str,
    old_text: str,
    new_text: str,
    changed: list[str],
    text_languages: list[str],
    author: str,
    note: str | None = None,
) -> ContentRevision:
    """Keeps one saved edit: the whole YAML before and after, and what changed."""
    languages = sorted({path.split(".")[0] for path in changed})
    revision = ContentRevision(
        kind=kind,
        slug=slug,
        language="," + ",".join(languages) + "," if languages else "",
        field_path=",".join(changed),
        text_changed="," + ",".join(sorted(set(text_languages))) + "," if text_languages else "",
        old_text=old_text,
        new_text=new_text,
        note=note,
        author=author,
    )
    session.add(revision)
    session.flush()
    return revision


def revisions(session: Session, kind: str, slug: str) -> list[ContentRevision]:
    """The revisions of one article or flow, newest first."""
    return list(
        session.scalars(
            select(ContentRevision)
            .where(ContentRevision.kind == kind, ContentRevision.slug == slug)
            .order_by(ContentRevision.created_at.desc(), ContentRevision.id.desc())
        )
    )


def get_revision(session: Session, revision_id: int) -> ContentRevision:
    row = session.get(ContentRevision, revision_id)
    if row is None:
        raise RevisionNotFound(revision_id)
    return row


def latest_revisions(session: Session) -> list[ContentRevision]:
    """The newest revision of every article and flow (for `ric knowledge export`)."""
    newest = (
        select(func.max(ContentRevision.id))
        .group_by(ContentRevision.kind, ContentRevision.slug)
        .scalar_subquery()
    )
    return list(session.scalars(select(ContentRevision).where(ContentRevision.id.in_(newest))))
