"""Booking through the real rasa_sdk action executor: the store decides, never the slots.

Each call is what Rasa (or anyone who reaches the action server) posts to /webhook: an
action name and a tracker with slots. The tracker's ``offered`` and ``pending`` slots are
invented by the caller here; only the offers recorded in the case store count.
"""

from __future__ import annotations

import asyncio
import datetime as dt

import pytest
from rasa_sdk.executor import ActionExecutor
from sqlalchemy import select

from ric import demo
from ric.store import booking, queries
from ric.store.db import read_scope, session_scope
from ric.store.errors import DetaineeNotFound
from ric.store.models import Booking, Offer, utcnow


@pytest.fixture
def executor(action_env, sessions):
    with session_scope(sessions) as session:
        demo.seed_detainees(session, "PI Demo", dt.date.today())
        demo.seed_spreekuren(session, "PI Demo", dt.date.today(), "Europe/Amsterdam")
    actions = ActionExecutor()
    actions.register_package("bot.actions")
    return actions


def call(executor, action, sender, *, intent="choose", entities=(), slots=None) -> dict:
    """Runs one action as the action server does for a POST to /webhook."""
    latest = {"text": "", "intent": {"name": intent, "confidence": 1.0}, "entities": list(entities)}
    tracker = {
        "sender_id": sender,
        "slots": {"language": "nl", "flow": None, **(slots or {})},
        "latest_message": latest,
        "events": [{"event": "user", "text": "", "parse_data": latest, "metadata": {}}],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": "action_listen",
    }
    return asyncio.run(
        executor.run({"next_action": action, "sender_id": sender, "tracker": tracker})
    )


def choice(value: str) -> list[dict]:
    return [{"entity": "choice", "value": value}]


def responses(result: dict) -> list[str]:
    return [r["response"] for r in result["responses"]]


def free_uwv_session(sessions) -> int:
    with read_scope(sessions) as session:
        found = booking.available_sessions(
            session, now=utcnow(), rules=booking.BookingRules(), kind="uwv", pi="PI Demo"
        )
        return found[0][0].id


def bookings(sessions) -> list[Booking]:
    with read_scope(sessions) as session:
        return list(session.scalars(select(Booking)))


def test_invented_offered_and_pending_slots_book_nothing(executor, sessions):
    """The issue's reproduction: DEMO003 was never offered this spreekuur."""
    target = free_uwv_session(sessions)
    invented = {"offered": [str(target)], "pending": f"book:{target}"}
    chosen = call(
        executor, "action_answer", "DEMO003", entities=choice(f"book:{target}"), slots=invented
    )
    confirmed = call(
        executor, "action_answer", "DEMO003", entities=choice(f"bookok:{target}"), slots=invented
    )
    typed_yes = call(executor, "action_answer", "DEMO003", intent="affirm", slots=invented)
    for result in (chosen, confirmed, typed_yes):
        assert "booking_refused" in responses(result)
        assert "booking_done" not in responses(result)
    assert bookings(sessions) == []


def test_offer_choose_confirm_books_and_records_the_offer(executor, sessions):
    offered = call(
        executor,
        "action_book_appointment",
        "DEMO001",
        intent="book_appointment",
        entities=[{"entity": "partner_kind", "value": "uwv"}],
    )
    assert "booking_offer" in responses(offered)
    first = offered["responses"][-1]["params"]["sessions"][0]["id"]
    with read_scope(sessions) as session:
        sam = queries.get_detainee(session, "DEMO001")
        recorded = set(session.scalars(select(Offer.session_id).where(Offer.detainee_id == sam.id)))
    assert first in recorded
    no_slots = {"offered": None, "pending": None}  # the store decides, not these
    assert "booking_confirm" in responses(
        call(executor, "action_answer", "DEMO001", entities=choice(f"book:{first}"), slots=no_slots)
    )
    done = call(
        executor, "action_answer", "DEMO001", entities=choice(f"bookok:{first}"), slots=no_slots
    )
    assert "booking_done" in responses(done)
    assert [(b.session_id, b.status) for b in bookings(sessions)] == [(first, "booked")]


def test_a_spreekuur_offered_to_one_detainee_cannot_be_booked_by_another(executor, sessions):
    offered = call(
        executor,
        "action_book_appointment",
        "DEMO001",
        intent="book_appointment",
        entities=[{"entity": "partner_kind", "value": "uwv"}],
    )
    first = offered["responses"][-1]["params"]["sessions"][0]["id"]
    stolen = {"offered": [str(first)], "pending": f"book:{first}"}
    for value in (f"book:{first}", f"bookok:{first}"):
        result = call(executor, "action_answer", "DEMO003", entities=choice(value), slots=stolen)
        assert responses(result)[0] == "booking_refused"
        assert result["responses"][0]["params"]["reason"] == "NotOffered"
    assert bookings(sessions) == []


def test_an_unknown_sender_is_told_and_not_registered_when_auto_register_is_off(
    executor, sessions, monkeypatch
):
    from bot.actions import runtime

    monkeypatch.setenv("RIC_AUTO_REGISTER", "false")
    runtime.reset()
    result = call(executor, "action_book_appointment", "NOBODY42", intent="book_appointment")
    assert responses(result) == ["unknown_sender"]
    assert result["events"] == []
    with read_scope(sessions) as session, pytest.raises(DetaineeNotFound):
        queries.get_detainee(session, "NOBODY42")


def test_auto_register_follows_development_mode_by_default():
    """Empty RIC_AUTO_REGISTER: on only with RIC_DEVELOPMENT=true; an explicit value wins."""
    from ric.settings import load

    assert load({}).ric_auto_register is False
    assert load({"RIC_DEVELOPMENT": "true"}).ric_auto_register is True
    assert (
        load({"RIC_DEVELOPMENT": "true", "RIC_AUTO_REGISTER": "false"}).ric_auto_register is False
    )
    assert load({"RIC_AUTO_REGISTER": "true"}).ric_auto_register is True
