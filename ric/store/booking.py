"""Partners, spreekuren and bookings; every booking rule is enforced here, in one transaction.

The rules: never more bookings than places; no booking in the past or within the cut-off
before the start; one active booking per detainee per spreekuur; at most a number of
active future bookings per detainee per partner; cancelling frees the place at once.
Concurrent bookings are serialised on the spreekuur's row (``SELECT ... FOR UPDATE`` on
PostgreSQL; SQLite transactions start with ``BEGIN IMMEDIATE``, see :mod:`ric.store.db`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, joinedload

from ric.protocol import booking_task_key
from ric.store.errors import (
    AlreadyBooked,
    BookingNotFound,
    InvalidStatus,
    NotOffered,
    PartnerLimitReached,
    PartnerNotFound,
    SessionCancelled,
    SessionFull,
    SessionInPast,
    SessionNotFound,
    TooLateToBook,
    UnknownCondition,
)
from ric.store.models import (
    CONDITIONS,
    PARTNER_KINDS,
    Booking,
    ConsultationSession,
    Detainee,
    Offer,
    Partner,
    Task,
    utcnow,
)


@dataclass(frozen=True)
class BookingRules:
    """The configurable limits (from settings)."""

    cutoff: dt.timedelta = dt.timedelta(hours=2)
    max_per_partner: int = 1


# --- partners -----------------------------------------------------------------------
def add_partner(
    session: Session, name: str, kind: str, conditions: list[str], *, synthetic: bool = False
) -> Partner:
    """Adds a network partner of a known kind, helping with some of the five conditions."""
    if kind not in PARTNER_KINDS:
        raise InvalidStatus(f"unknown partner kind {kind!r}")
    for condition in conditions:
        if condition not in CONDITIONS:
            raise UnknownCondition(condition)
    partner = Partner(name=name, kind=kind, conditions=",".join(conditions), synthetic=synthetic)
    session.add(partner)
    session.flush()
    return partner


def get_partner(session: Session, partner: int | str) -> Partner:
    """A partner by id or exact name."""
    if isinstance(partner, int) or str(partner).isdigit():
        found = session.get(Partner, int(partner))
    else:
        found = session.scalars(select(Partner).where(Partner.name == partner)).one_or_none()
    if found is None:
        raise PartnerNotFound(str(partner))
    return found


def list_partners(session: Session, *, active_only: bool = True) -> list[Partner]:
    query = select(Partner).order_by(Partner.kind, Partner.name)
    if active_only:
        query = query.where(Partner.active.is_(True))
    return list(session.scalars(query))


# --- sessions -------------------------------------------------------------------------
def add_session(
    session: Session,
    partner: Partner,
    *,
    pi: str,
    starts_at: dt.datetime,
    capacity: int,
    duration_minutes: int = 60,
    room: str = "RIC",
    notes: str | None = None,
) -> ConsultationSession:
    """Adds one spreekuur; starts_at is naive UTC."""
    if capacity < 1:
        raise InvalidStatus("a spreekuur needs at least one place")
    if duration_minutes < 5:
        raise InvalidStatus("a spreekuur lasts at least 5 minutes")
    row = ConsultationSession(
        partner_id=partner.id,
        pi=pi,
        starts_at=starts_at,
        capacity=capacity,
        duration_minutes=duration_minutes,
        room=room,
        notes=notes,
    )
    session.add(row)
    session.flush()
    return row


def add_weekly_sessions(
    session: Session, partner: Partner, *, weeks: int, starts_at: dt.datetime, **fields
) -> list[ConsultationSession]:
    """Adds the same spreekuur every week, `weeks` times (the first at starts_at)."""
    return [
        add_session(session, partner, starts_at=starts_at + dt.timedelta(weeks=i), **fields)
        for i in range(weeks)
    ]


def get_session(session: Session, session_id: int) -> ConsultationSession:
    row = session.get(ConsultationSession, session_id)
    if row is None:
        raise SessionNotFound(session_id)
    return row


def taken_places(session: Session, session_id: int) -> int:
    """How many places of the spreekuur are booked now."""
    return session.scalar(
        select(func.count(Booking.id)).where(
            Booking.session_id == session_id, Booking.status == "booked"
        )
    )


def available_sessions(
    session: Session,
    *,
    now: dt.datetime,
    rules: BookingRules,
    kind: str | None = None,
    pi: str | None = None,
    limit: int = 4,
) -> list[tuple[ConsultationSession, int]]:
    """Upcoming spreekuren with a free place, soonest first, with the number of free places."""
    taken = (
        select(Booking.session_id, func.count(Booking.id).label("taken"))
        .where(Booking.status == "booked")
        .group_by(Booking.session_id)
        .subquery()
    )
    query = (
        select(ConsultationSession, func.coalesce(taken.c.taken, 0))
        .join(Partner, Partner.id == ConsultationSession.partner_id)
        .outerjoin(taken, taken.c.session_id == ConsultationSession.id)
        .options(joinedload(ConsultationSession.partner))
        .where(
            Partner.active.is_(True),
            ConsultationSession.cancelled_at.is_(None),
            ConsultationSession.starts_at > now + rules.cutoff,
            ConsultationSession.capacity > func.coalesce(taken.c.taken, 0),
        )
        .order_by(ConsultationSession.starts_at, ConsultationSession.id)
        .limit(limit)
    )
    if kind is not None:
        query = query.where(Partner.kind == kind)
    if pi is not None:
        query = query.where(ConsultationSession.pi == pi)
    return [(row, row.capacity - used) for row, used in session.execute(query)]


def next_session(
    session: Session, *, now: dt.datetime, kind: str | None = None, pi: str | None = None
) -> ConsultationSession | None:
    """The next spreekuur that is not cancelled, full or not."""
    query = (
        select(ConsultationSession)
        .join(Partner, Partner.id == ConsultationSession.partner_id)
        .where(
            Partner.active.is_(True),
            ConsultationSession.cancelled_at.is_(None),
            ConsultationSession.starts_at > now,
        )
        .order_by(ConsultationSession.starts_at)
        .limit(1)
    )
    if kind is not None:
        query = query.where(Partner.kind == kind)
    if pi is not None:
        query = query.where(ConsultationSession.pi == pi)
    return session.scalars(query).first()


def partner_kinds_with_sessions(
    session: Session, *, now: dt.datetime, rules: BookingRules, pi: str | None = None
) -> list[str]:
    """Kinds of active partners that have an upcoming spreekuur, in the standard order."""
    query = (
        select(Partner.kind)
        .join(ConsultationSession, ConsultationSession.partner_id == Partner.id)
        .where(
            Partner.active.is_(True),
            ConsultationSession.cancelled_at.is_(None),
            ConsultationSession.starts_at > now + rules.cutoff,
        )
    )
    if pi is not None:
        query = query.where(ConsultationSession.pi == pi)
    kinds = set(session.scalars(query))
    return [kind for kind in PARTNER_KINDS if kind in kinds]


def cancel_session(
    session: Session, session_id: int, *, by: str, now: dt.datetime | None = None
) -> list[Booking]:
    """Staff cancel a spreekuur: its bookings are cancelled and their owners told next chat."""
    now = now or utcnow()
    row = get_session(session, session_id)
    row.cancelled_at = now
    row.cancelled_by = by
    bookings = list(
        session.scalars(
            select(Booking).where(Booking.session_id == session_id, Booking.status == "booked")
        )
    )
    for booking in bookings:
        booking.status = "cancelled"
        booking.cancelled_at = now
        booking.changed_by = by
        booking.notify_pending = True
        _close_booking_task(session, booking)
    session.flush()
    return bookings


# --- bookings -------------------------------------------------------------------------
def _lock_session(session: Session, session_id: int) -> ConsultationSession:
    row = session.scalars(
        select(ConsultationSession)
        .where(ConsultationSession.id == session_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    ).one_or_none()
    if row is None:
        raise SessionNotFound(session_id)
    return row


def book(
    session: Session,
    detainee: Detainee,
    session_id: int,
    *,
    now: dt.datetime,
    rules: BookingRules,
    by: str = "assistant",
) -> Booking:
    """Books a place, or raises the named error of the first rule it breaks."""
    row = _lock_session(session, session_id)
    partner = session.get(Partner, row.partner_id)
    if partner is None or not partner.active or row.pi != detainee.pi:
        raise SessionNotFound(session_id)
    if row.cancelled_at is not None:
        raise SessionCancelled(session_id)
    if row.starts_at <= now:
        raise SessionInPast(session_id)
    if row.starts_at <= now + rules.cutoff:
        raise TooLateToBook(session_id)
    mine = session.scalar(
        select(func.count(Booking.id)).where(
            Booking.session_id == session_id,
            Booking.detainee_id == detainee.id,
            Booking.status == "booked",
        )
    )
    if mine:
        raise AlreadyBooked(session_id)
    with_partner = session.scalar(
        select(func.count(Booking.id))
        .join(ConsultationSession, ConsultationSession.id == Booking.session_id)
        .where(
            Booking.detainee_id == detainee.id,
            Booking.status == "booked",
            ConsultationSession.partner_id == partner.id,
            ConsultationSession.starts_at > now,
        )
    )
    if with_partner >= rules.max_per_partner:
        raise PartnerLimitReached(partner.name)
    if taken_places(session, session_id) >= row.capacity:
        raise SessionFull(session_id)
    booking = Booking(session_id=session_id, detainee_id=detainee.id, changed_by=by)
    session.add(booking)
    try:
        with session.begin_nested():
            session.flush()
    except IntegrityError as error:  # a double click that raced past the check above
        raise AlreadyBooked(session_id) from error
    return booking


def cancel_booking(
    session: Session,
    detainee: Detainee,
    booking_id: int,
    *,
    now: dt.datetime,
    by: str = "assistant",
) -> Booking:
    """Cancels one of the detainee's own future bookings; the place is free at once."""
    booking = session.get(Booking, booking_id)
    if booking is None or booking.detainee_id != detainee.id or booking.status != "booked":
        raise BookingNotFound(booking_id)
    _lock_session(session, booking.session_id)
    if booking.session.starts_at <= now:
        raise BookingNotFound(booking_id)
    booking.status = "cancelled"
    booking.cancelled_at = now
    booking.changed_by = by
    _close_booking_task(session, booking)
    session.flush()
    return booking


def upcoming_bookings(session: Session, detainee: Detainee, *, now: dt.datetime) -> list[Booking]:
    """The detainee's active bookings that have not started, soonest first."""
    return list(
        session.scalars(
            select(Booking)
            .join(ConsultationSession, ConsultationSession.id == Booking.session_id)
            .options(joinedload(Booking.session).joinedload(ConsultationSession.partner))
            .where(
                Booking.detainee_id == detainee.id,
                Booking.status == "booked",
                ConsultationSession.starts_at > now,
            )
            .order_by(ConsultationSession.starts_at)
        )
    )


def attendees(session: Session, session_id: int) -> list[Booking]:
    """Every booking of a spreekuur (all statuses), oldest first."""
    get_session(session, session_id)
    return list(
        session.scalars(
            select(Booking)
            .options(joinedload(Booking.detainee))
            .where(Booking.session_id == session_id)
            .order_by(Booking.created_at, Booking.id)
        )
    )


def mark_attendance(session: Session, booking_id: int, status: str, *, by: str) -> Booking:
    """Staff mark a booking attended or no-show."""
    if status not in ("attended", "no_show"):
        raise InvalidStatus(status)
    booking = session.get(Booking, booking_id)
    if booking is None or booking.status == "cancelled":
        raise BookingNotFound(booking_id)
    booking.status = status
    booking.changed_by = by
    session.flush()
    return booking


def take_cancellation_notices(session: Session, detainee: Detainee) -> list[Booking]:
    """Bookings staff cancelled since the detainee's last chat; marks them as told."""
    bookings = list(
        session.scalars(
            select(Booking)
            .options(joinedload(Booking.session).joinedload(ConsultationSession.partner))
            .where(Booking.detainee_id == detainee.id, Booking.notify_pending.is_(True))
        )
    )
    for booking in bookings:
        booking.notify_pending = False
    session.flush()
    return bookings


def _close_booking_task(session: Session, booking: Booking) -> None:
    for task in session.scalars(
        select(Task).where(
            Task.detainee_id == booking.detainee_id,
            Task.key == booking_task_key(booking.id),
            Task.status == "open",
        )
    ):
        task.status = "cancelled"


# --- offers: what the assistant offered to whom (issue 12) ----------------------------
def record_offers(
    session: Session,
    detainee: Detainee,
    session_ids: list[int],
    *,
    now: dt.datetime,
    valid: dt.timedelta,
) -> list[Offer]:
    """Records that these spreekuren were offered to the detainee now; forgets their offers
    older than ``valid``."""
    session.execute(
        delete(Offer).where(Offer.detainee_id == detainee.id, Offer.offered_at < now - valid)
    )
    offers = [Offer(detainee_id=detainee.id, session_id=i, offered_at=now) for i in session_ids]
    session.add_all(offers)
    session.flush()
    return offers


def _recent_offer(
    session: Session,
    detainee: Detainee,
    session_id: int,
    *,
    now: dt.datetime,
    valid: dt.timedelta,
    chosen: bool,
) -> Offer:
    query = (
        select(Offer)
        .where(
            Offer.detainee_id == detainee.id,
            Offer.session_id == session_id,
            Offer.offered_at >= now - valid,
            Offer.offered_at <= now,
        )
        .order_by(Offer.offered_at.desc(), Offer.id.desc())
    )
    if chosen:
        query = query.where(Offer.chosen_at.is_not(None))
    found = session.scalars(query).first()
    if found is None:
        raise NotOffered(session_id)
    return found


def choose_offered(
    session: Session,
    detainee: Detainee,
    session_id: int,
    *,
    now: dt.datetime,
    valid: dt.timedelta,
) -> Offer:
    """The detainee chose an offered spreekuur (before confirming); NotOffered when it was not
    offered to them within ``valid``."""
    offer = _recent_offer(session, detainee, session_id, now=now, valid=valid, chosen=False)
    offer.chosen_at = now
    session.flush()
    return offer


def book_offered(
    session: Session,
    detainee: Detainee,
    session_id: int,
    *,
    now: dt.datetime,
    rules: BookingRules,
    valid: dt.timedelta,
) -> Booking:
    """Books a spreekuur that was offered to this detainee within ``valid`` and that they
    chose; then every rule of :func:`book` applies. The offers of it are used up."""
    _recent_offer(session, detainee, session_id, now=now, valid=valid, chosen=True)
    placed = book(session, detainee, session_id, now=now, rules=rules)
    session.execute(
        delete(Offer).where(Offer.detainee_id == detainee.id, Offer.session_id == session_id)
    )
    session.flush()
    return placed
