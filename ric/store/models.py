"""Tables of the case store, as typed declarative models."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    text,
    true,
)
from sqlalchemy.orm import Mapped, registry, relationship

CONDITIONS: tuple[str, ...] = ("id", "housing", "income", "debts", "care")
CONDITION_STATUSES: tuple[str, ...] = ("not_started", "in_progress", "done", "not_applicable")
TASK_STATUSES: tuple[str, ...] = ("open", "done", "cancelled")
HELP_KINDS: tuple[str, ...] = ("help", "urgent")
PARTNER_KINDS: tuple[str, ...] = (
    "gemeente",
    "reclassering",
    "zorgaanbieder",
    "schuldhulp",
    "uwv",
    "juridisch_loket",
    "vrijwilligers",
)
BOOKING_STATUSES: tuple[str, ...] = ("booked", "cancelled", "attended", "no_show")

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

mapper_registry = registry(metadata=MetaData(naming_convention=NAMING))
Base = mapper_registry.generate_base()


def utcnow() -> dt.datetime:
    """Naive UTC now; every timestamp in the store is UTC."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)


class Detainee(Base):
    """A person in detention, known by a pseudonymous registration number."""

    __tablename__ = "detainees"

    id: Mapped[int] = Column(Integer, primary_key=True)
    reg_number: Mapped[str] = Column(String(64), nullable=False, unique=True)
    display_name: Mapped[str | None] = Column(String(120))
    pi: Mapped[str] = Column(String(120), nullable=False)
    expected_release: Mapped[dt.date | None] = Column(Date)
    language: Mapped[str] = Column(String(8), nullable=False, default="nl")
    pin_hash: Mapped[str | None] = Column(String(255))
    failed_logins: Mapped[int] = Column(Integer, nullable=False, default=0)
    locked_until: Mapped[dt.datetime | None] = Column(DateTime)
    synthetic: Mapped[bool] = Column(Boolean, nullable=False, default=False)
    created_at: Mapped[dt.datetime] = Column(DateTime, nullable=False, default=utcnow)
    access_ended_at: Mapped[dt.datetime | None] = Column(DateTime)

    conditions = relationship("ConditionStatus", back_populates="detainee")
    tasks = relationship("Task", back_populates="detainee")


class ConditionStatus(Base):
    """Where one detainee stands on one basic condition, and where its flow paused."""

    __tablename__ = "condition_statuses"
    __table_args__ = (UniqueConstraint("detainee_id", "condition"),)

    id: Mapped[int] = Column(Integer, primary_key=True)
    detainee_id: Mapped[int] = Column(
        ForeignKey("detainees.id", ondelete="CASCADE"), nullable=False, index=True
    )
    condition: Mapped[str] = Column(String(16), nullable=False)
    status: Mapped[str] = Column(String(16), nullable=False, default="not_started")
    current_step: Mapped[str | None] = Column(String(64))
    updated_at: Mapped[dt.datetime] = Column(DateTime, nullable=False, default=utcnow)

    detainee = relationship("Detainee", back_populates="conditions")


class ConditionEvent(Base):
    """History: every change of a condition's status or step."""

    __tablename__ = "condition_events"

    id: Mapped[int] = Column(Integer, primary_key=True)
    detainee_id: Mapped[int] = Column(
        ForeignKey("detainees.id", ondelete="CASCADE"), nullable=False, index=True
    )
    condition: Mapped[str] = Column(String(16), nullable=False)
    status: Mapped[str] = Column(String(16), nullable=False)
    step: Mapped[str | None] = Column(String(64))
    actor: Mapped[str] = Column(String(64), nullable=False, default="assistant")
    at: Mapped[dt.datetime] = Column(DateTime, nullable=False, default=utcnow)


class Task(Base):
    """Something the detainee must do or ask, made by a flow or by staff."""

    __tablename__ = "tasks"

    id: Mapped[int] = Column(Integer, primary_key=True)
    detainee_id: Mapped[int] = Column(
        ForeignKey("detainees.id", ondelete="CASCADE"), nullable=False, index=True
    )
    condition: Mapped[str | None] = Column(String(16))
    key: Mapped[str | None] = Column(String(64))
    title: Mapped[str] = Column(String(255), nullable=False)
    due_date: Mapped[dt.date | None] = Column(Date)
    status: Mapped[str] = Column(String(8), nullable=False, default="open")
    created_by: Mapped[str] = Column(String(64), nullable=False, default="assistant")
    created_at: Mapped[dt.datetime] = Column(DateTime, nullable=False, default=utcnow)
    done_at: Mapped[dt.datetime | None] = Column(DateTime)

    detainee = relationship("Detainee", back_populates="tasks")


class HelpRequest(Base):
    """A request for RIC staff: a person asked for (help) or a safety alert (urgent)."""

    __tablename__ = "help_requests"

    id: Mapped[int] = Column(Integer, primary_key=True)
    detainee_id: Mapped[int] = Column(
        ForeignKey("detainees.id", ondelete="CASCADE"), nullable=False, index=True
    )
    kind: Mapped[str] = Column(String(8), nullable=False)
    reason: Mapped[str] = Column(String(32), nullable=False)
    message: Mapped[str | None] = Column(Text)
    status: Mapped[str] = Column(String(8), nullable=False, default="open")
    created_at: Mapped[dt.datetime] = Column(DateTime, nullable=False, default=utcnow)
    handled_at: Mapped[dt.datetime | None] = Column(DateTime)
    handled_by: Mapped[str | None] = Column(String(64))
    handled_note: Mapped[str | None] = Column(Text)


class Partner(Base):
    """A network partner that holds spreekuren in the RIC (municipality, UWV, ...)."""

    __tablename__ = "partners"

    id: Mapped[int] = Column(Integer, primary_key=True)
    name: Mapped[str] = Column(String(120), nullable=False, unique=True)
    kind: Mapped[str] = Column(String(24), nullable=False, index=True)
    conditions: Mapped[str] = Column(String(64), nullable=False, default="")
    active: Mapped[bool] = Column(Boolean, nullable=False, default=True)
    synthetic: Mapped[bool] = Column(Boolean, nullable=False, default=False)

    @property
    def condition_list(self) -> list[str]:
        return [c for c in self.conditions.split(",") if c]


class ConsultationSession(Base):
    """One spreekuur: a partner, a room in a PI, a start, a length and a number of places."""

    __tablename__ = "consultation_sessions"

    id: Mapped[int] = Column(Integer, primary_key=True)
    partner_id: Mapped[int] = Column(ForeignKey("partners.id"), nullable=False, index=True)
    pi: Mapped[str] = Column(String(120), nullable=False)
    room: Mapped[str] = Column(String(64), nullable=False, default="RIC")
    starts_at: Mapped[dt.datetime] = Column(DateTime, nullable=False, index=True)
    duration_minutes: Mapped[int] = Column(Integer, nullable=False, default=60)
    capacity: Mapped[int] = Column(Integer, nullable=False)
    notes: Mapped[str | None] = Column(Text)
    cancelled_at: Mapped[dt.datetime | None] = Column(DateTime)
    cancelled_by: Mapped[str | None] = Column(String(64))

    partner = relationship("Partner")


class Booking(Base):
    """A detainee's place in a spreekuur; at most one active per detainee and session."""

    __tablename__ = "bookings"
    __table_args__ = (
        Index(
            "uq_bookings_active",
            "session_id",
            "detainee_id",
            unique=True,
            sqlite_where=text("status = 'booked'"),
            postgresql_where=text("status = 'booked'"),
        ),
    )

    id: Mapped[int] = Column(Integer, primary_key=True)
    session_id: Mapped[int] = Column(
        ForeignKey("consultation_sessions.id"), nullable=False, index=True
    )
    detainee_id: Mapped[int] = Column(
        ForeignKey("detainees.id", ondelete="CASCADE"), nullable=False, index=True
    )
    status: Mapped[str] = Column(String(12), nullable=False, default="booked")
    created_at: Mapped[dt.datetime] = Column(DateTime, nullable=False, default=utcnow)
    cancelled_at: Mapped[dt.datetime | None] = Column(DateTime)
    changed_by: Mapped[str] = Column(String(64), nullable=False, default="assistant")
    notify_pending: Mapped[bool] = Column(Boolean, nullable=False, default=False)

    session = relationship("ConsultationSession")
    detainee = relationship("Detainee")


class UnansweredQuestion(Base):
    """A question the assistant could not answer, queued for editors."""

    __tablename__ = "unanswered_questions"

    id: Mapped[int] = Column(Integer, primary_key=True)
    detainee_id: Mapped[int | None] = Column(
        ForeignKey("detainees.id", ondelete="SET NULL"), index=True
    )
    text: Mapped[str] = Column(Text, nullable=False)
    language: Mapped[str] = Column(String(8), nullable=False)
    best_slug: Mapped[str | None] = Column(String(64))
    best_score: Mapped[float | None] = Column(Float)
    status: Mapped[str] = Column(String(12), nullable=False, default="open")
    linked_slug: Mapped[str | None] = Column(String(64))
    created_at: Mapped[dt.datetime] = Column(DateTime, nullable=False, default=utcnow)


class AnswerFeedback(Base):
    """'Did this help?' after a knowledge answer, with the article that answered."""

    __tablename__ = "answer_feedback"

    id: Mapped[int] = Column(Integer, primary_key=True)
    detainee_id: Mapped[int | None] = Column(
        ForeignKey("detainees.id", ondelete="SET NULL"), index=True
    )
    slug: Mapped[str] = Column(String(64), nullable=False, index=True)
    helpful: Mapped[bool] = Column(Boolean, nullable=False)
    language: Mapped[str] = Column(String(8), nullable=False)
    question: Mapped[str | None] = Column(Text)
    status: Mapped[str] = Column(String(12), nullable=False, default="open")
    created_at: Mapped[dt.datetime] = Column(DateTime, nullable=False, default=utcnow)


STAFF_ROLES: tuple[str, ...] = ("staff", "editor", "admin")
REVISION_KINDS: tuple[str, ...] = ("article", "flow")


class StaffAccount(Base):
    """A person who signs in to the staff pages: RIC staff, content editor or admin."""

    __tablename__ = "staff_accounts"

    id: Mapped[int] = Column(Integer, primary_key=True)
    username: Mapped[str] = Column(String(64), nullable=False, unique=True)
    display_name: Mapped[str] = Column(String(120), nullable=False)
    role: Mapped[str] = Column(String(8), nullable=False)
    pi: Mapped[str | None] = Column(String(120))  # None: every PI (admins)
    password_hash: Mapped[str] = Column(String(255), nullable=False)
    failed_logins: Mapped[int] = Column(Integer, nullable=False, default=0)
    locked_until: Mapped[dt.datetime | None] = Column(DateTime)
    created_at: Mapped[dt.datetime] = Column(DateTime, nullable=False, default=utcnow)
    # A disabled account cannot sign in, and its open sessions end at their next request.
    active: Mapped[bool] = Column(Boolean, nullable=False, default=True, server_default=true())


class AuditEntry(Base):
    """Who looked at or changed what, and when (detainee records, transcripts, sign-ins)."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = Column(Integer, primary_key=True)
    actor: Mapped[str] = Column(String(64), nullable=False, index=True)
    action: Mapped[str] = Column(String(32), nullable=False)
    target: Mapped[str] = Column(String(255), nullable=False, default="")
    at: Mapped[dt.datetime] = Column(DateTime, nullable=False, default=utcnow, index=True)


class ContentRevision(Base):
    """One saved edit of an article or flow: the whole document before and after.

    ``languages`` lists the languages whose texts changed (",nl,en,"), ``field_path`` the
    changed fields ("nl.answer,en.title"); ``text_changed`` says whether a shown text
    changed (not only example questions), which is what makes translations outdated.
    """

    __tablename__ = "content_revisions"

    id: Mapped[int] = Column(Integer, primary_key=True)
    kind: Mapped[str] = Column(String(8), nullable=False)
    slug: Mapped[str] = Column(String(64), nullable=False, index=True)
    language: Mapped[str] = Column(String(64), nullable=False, default="")
    field_path: Mapped[str] = Column(Text, nullable=False, default="")
    text_changed: Mapped[str] = Column(String(64), nullable=False, default="")
    old_text: Mapped[str] = Column(Text, nullable=False)
    new_text: Mapped[str] = Column(Text, nullable=False)
    note: Mapped[str | None] = Column(String(255))
    author: Mapped[str] = Column(String(64), nullable=False)
    created_at: Mapped[dt.datetime] = Column(DateTime, nullable=False, default=utcnow)


class RetainedCount(Base):
    """An anonymous count kept when retention or erasure removes the rows it came from.

    ``metric`` says what is counted ("condition_status", "booking", "unanswered"),
    ``key`` the category ("housing:done", "UWV:attended", "nl"), ``month`` the month
    ("2026-11") the removed rows belong to. No detainee can be found from these rows.
    """

    __tablename__ = "retained_counts"
    __table_args__ = (UniqueConstraint("month", "metric", "key"),)

    id: Mapped[int] = Column(Integer, primary_key=True)
    month: Mapped[str] = Column(String(7), nullable=False)
    metric: Mapped[str] = Column(String(32), nullable=False)
    key: Mapped[str] = Column(String(160), nullable=False)
    count: Mapped[int] = Column(Integer, nullable=False, default=0)


class WebSession(Base):
    """A portal session kept on the server; the cookie holds only a random id.

    ``id`` is the SHA-256 of the cookie value, so a copy of this table opens nothing.
    ``kind`` is "anonymous", "detainee" or "staff"; ``sub`` the registration number or
    username; ``role`` the staff role when the session was last checked. ``data`` is the
    JSON of the session (CSRF token, language, name). A session ends at ``expires_at``
    (absolute) or when it was idle longer than its kind allows (see ric/store/web_sessions.py).
    """

    __tablename__ = "web_sessions"

    id: Mapped[str] = Column(String(64), primary_key=True)
    kind: Mapped[str] = Column(String(16), nullable=False)
    sub: Mapped[str | None] = Column(String(64), index=True)
    role: Mapped[str | None] = Column(String(8))
    data: Mapped[str] = Column(Text, nullable=False, default="{}")
    created_at: Mapped[dt.datetime] = Column(DateTime, nullable=False, default=utcnow)
    last_seen: Mapped[dt.datetime] = Column(DateTime, nullable=False, default=utcnow)
    expires_at: Mapped[dt.datetime] = Column(DateTime, nullable=False, index=True)


class SignInFailure(Base):
    """One failed sign-in, for throttling per client address and per (account, address).

    ``account`` is a short keyed hash of the typed registration number or username (never
    the typed text itself); ``kind`` is "detainee" or "staff".
    """

    __tablename__ = "sign_in_failures"
    __table_args__ = (Index("ix_sign_in_failures_address_at", "address", "at"),)

    id: Mapped[int] = Column(Integer, primary_key=True)
    kind: Mapped[str] = Column(String(16), nullable=False)
    account: Mapped[str] = Column(String(32), nullable=False)
    address: Mapped[str] = Column(String(64), nullable=False)
    at: Mapped[dt.datetime] = Column(DateTime, nullable=False, default=utcnow)


class Offer(Base):
    """A spreekuur the assistant offered to a detainee, as buttons, at ``offered_at``.

    Booking is authorised by these rows, never by the slots of a conversation: a detainee
    can choose only a spreekuur offered to them within RIC_OFFER_MINUTES, and confirm only
    the one they chose (``chosen_at``). See ric/store/booking.py.
    """

    __tablename__ = "offers"
    __table_args__ = (Index("ix_offers_detainee_session", "detainee_id", "session_id"),)

    id: Mapped[int] = Column(Integer, primary_key=True)
    detainee_id: Mapped[int] = Column(
        ForeignKey("detainees.id", ondelete="CASCADE"), nullable=False
    )
    session_id: Mapped[int] = Column(
        ForeignKey("consultation_sessions.id", ondelete="CASCADE"), nullable=False
    )
    offered_at: Mapped[dt.datetime] = Column(DateTime, nullable=False, default=utcnow)
    chosen_at: Mapped[dt.datetime | None] = Column(DateTime)
