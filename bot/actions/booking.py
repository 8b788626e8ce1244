"""Booking, listing and cancelling spreekuren; the store enforces every rule.

What was offered to whom is recorded in the case store (``offers``) when the assistant
offers spreekuren; choosing and booking are checked against those rows (offered to this
detainee within RIC_OFFER_MINUTES, chosen before confirming, still bookable), never
against the slots of the tracker, which whoever calls the action server could invent.
Slots kept for the conversation only: ``offered`` (ids last offered as buttons) and
``pending`` (the booking or cancellation a typed yes or no answers).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from rasa_sdk.events import SlotSet

from bot.actions.base import AssistantAction, Turn
from bot.actions.conditions import reask
from ric.clock import utc_to_local
from ric.protocol import booking_task_key
from ric.store import booking, queries
from ric.store.errors import BookingError
from ric.store.models import PARTNER_KINDS, Booking, ConsultationSession, utcnow


def offer_valid(turn: Turn) -> dt.timedelta:
    """How long an offer stays bookable (RIC_OFFER_MINUTES)."""
    return dt.timedelta(minutes=turn.settings.ric_offer_minutes)


def rules(turn: Turn) -> booking.BookingRules:
    """The booking limits from the settings."""
    return booking.BookingRules(
        cutoff=dt.timedelta(hours=turn.settings.ric_booking_cutoff_hours),
        max_per_partner=turn.settings.ric_max_bookings_per_partner,
    )


def spreekuur(row: ConsultationSession, placed: Booking | None = None) -> dict[str, Any]:
    """The parameters of a spreekuur for a reply."""
    item = {
        "id": row.id,
        "partner": row.partner.name,
        "kind": row.partner.kind,
        "starts_at": row.starts_at.isoformat(),
        "room": row.room,
    }
    if placed is not None:
        item["booking"] = placed.id
    return item


def _set(turn: Turn, offered: list[int] | None = None, pending: str | None = None) -> None:
    turn.events.append(SlotSet("offered", [str(i) for i in offered] if offered else None))
    turn.events.append(SlotSet("pending", pending))


def offer(turn: Turn, kind: str | None) -> None:
    """Asks which partner, or offers the next free spreekuren of one kind."""
    now = utcnow()
    pi = turn.detainee.pi
    if kind not in PARTNER_KINDS:
        kinds = booking.partner_kinds_with_sessions(turn.session, now=now, rules=rules(turn), pi=pi)
        if kinds:
            turn.say("booking_choose_partner", kinds=kinds)
        else:
            turn.say("booking_no_sessions")
        _set(turn)
        return
    found = booking.available_sessions(
        turn.session,
        now=now,
        rules=rules(turn),
        kind=kind,
        pi=pi,
        limit=turn.settings.ric_offered_sessions,
    )
    if not found:
        upcoming = booking.next_session(turn.session, now=now, kind=kind, pi=pi)
        turn.say(
            "booking_none_free", kind=kind, next_session=spreekuur(upcoming) if upcoming else None
        )
        _set(turn)
        return
    ids = [row.id for row, _ in found]
    booking.record_offers(turn.session, turn.detainee, ids, now=now, valid=offer_valid(turn))
    turn.say("booking_offer", kind=kind, sessions=[spreekuur(row) for row, _ in found])
    _set(turn, offered=ids)


def _session_id(value: str) -> int | None:
    return int(value) if value.isascii() and value.isdigit() and len(value) < 12 else None


def choose_session(turn: Turn, value: str) -> None:
    """A time was pressed: ask to confirm, if the store says it was offered to this detainee."""
    session_id = _session_id(value)
    if session_id is None:
        turn.say("booking_refused", reason="NotOffered")
        return
    try:
        booking.choose_offered(
            turn.session, turn.detainee, session_id, now=utcnow(), valid=offer_valid(turn)
        )
        row = booking.get_session(turn.session, session_id)
    except BookingError as error:
        turn.say("booking_refused", reason=type(error).__name__)
        return
    turn.say("booking_confirm", spreekuur=spreekuur(row))
    turn.events.append(SlotSet("pending", f"book:{row.id}"))


def confirm_booking(turn: Turn, value: str) -> None:
    """Books the confirmed spreekuur (offered to and chosen by this detainee, by the store)
    and makes a task of it; refusals in plain words."""
    session_id = _session_id(value)
    if session_id is None:
        turn.say("booking_refused", reason="NotOffered")
        return
    now = utcnow()
    try:
        placed = booking.book_offered(
            turn.session,
            turn.detainee,
            session_id,
            now=now,
            rules=rules(turn),
            valid=offer_valid(turn),
        )
    except BookingError as error:
        turn.say("booking_refused", reason=type(error).__name__)
        _set(turn)
        return
    row = booking.get_session(turn.session, placed.session_id)
    local = utc_to_local(row.starts_at, turn.settings.ric_timezone)
    queries.create_task(
        turn.session,
        turn.detainee,
        title=f"Spreekuur {row.partner.name} {local:%d-%m-%Y %H:%M}",
        condition=(row.partner.condition_list or [None])[0],
        key=booking_task_key(placed.id),
        due_date=row.starts_at.date(),
    )
    turn.say("booking_done", spreekuur=spreekuur(row, placed))
    _set(turn)
    reask(turn)


def choose_cancellation(turn: Turn, value: str) -> None:
    """A booking to cancel was pressed: ask to confirm."""
    found = _own_booking(turn, value)
    if found is None:
        turn.say("cancel_refused")
        return
    turn.say("cancel_confirm", spreekuur=spreekuur(found.session, found))
    turn.events.append(SlotSet("pending", f"cancel:{found.id}"))


def confirm_cancellation(turn: Turn, value: str) -> None:
    """Cancels the confirmed booking; offers a new time with the same partner kind."""
    if turn.tracker.get_slot("pending") != f"cancel:{value}":
        turn.say("cancel_refused")
        return
    try:
        cancelled = booking.cancel_booking(turn.session, turn.detainee, int(value), now=utcnow())
    except (BookingError, ValueError):
        turn.say("cancel_refused")
        _set(turn)
        return
    turn.say("cancel_done", kind=cancelled.session.partner.kind)
    _set(turn)


def decline(turn: Turn, what: str) -> None:
    """The user said no to a pending booking or cancellation."""
    turn.say("booking_declined" if what == "book" else "cancel_kept")
    _set(turn)
    reask(turn)


def answer_pending(turn: Turn, yes: bool) -> bool:
    """A typed yes/no for the pending booking or cancellation; False when nothing is pending."""
    pending = turn.tracker.get_slot("pending") or ""
    what, _, value = pending.partition(":")
    if what not in ("book", "cancel"):
        return False
    if not yes:
        decline(turn, what)
    elif what == "book":
        confirm_booking(turn, value)
    else:
        confirm_cancellation(turn, value)
    return True


def _own_booking(turn: Turn, value: str) -> Booking | None:
    try:
        booking_id = int(value)
    except ValueError:
        return None
    return next(
        (
            b
            for b in booking.upcoming_bookings(turn.session, turn.detainee, now=utcnow())
            if b.id == booking_id
        ),
        None,
    )


def tell_cancelled_sessions(turn: Turn) -> None:
    """Tells the user about spreekuren staff cancelled since the last chat."""
    notices = booking.take_cancellation_notices(turn.session, turn.detainee)
    if notices:
        turn.say("session_cancelled_notice", items=[spreekuur(b.session, b) for b in notices])


class ActionBookAppointment(AssistantAction):
    """Offers spreekuren: first which partner (when not named), then the next free times."""

    action_name = "action_book_appointment"

    def act(self, turn: Turn) -> None:
        from bot.actions.knowledge import answer_first

        if not answer_first(turn, None, sure_only=True):
            offer(turn, turn.entity("partner_kind"))


class ActionMyAppointments(AssistantAction):
    """Lists the upcoming bookings."""

    action_name = "action_my_appointments"

    def act(self, turn: Turn) -> None:
        upcoming = booking.upcoming_bookings(turn.session, turn.detainee, now=utcnow())
        turn.say("appointments", items=[spreekuur(b.session, b) for b in upcoming])
        reask(turn)


class ActionCancelAppointment(AssistantAction):
    """Asks which booking to cancel (buttons); moving is cancel and then book again."""

    action_name = "action_cancel_appointment"

    def act(self, turn: Turn) -> None:
        upcoming = booking.upcoming_bookings(turn.session, turn.detainee, now=utcnow())
        turn.say("cancel_choose", items=[spreekuur(b.session, b) for b in upcoming])
