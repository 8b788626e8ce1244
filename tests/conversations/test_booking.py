"""Booking, listing and cancelling spreekuren in the chat, checked in the case store."""

import datetime as dt
import re

import pytest
from sqlalchemy import select, update

from ric import demo
from ric.store import booking, queries
from ric.store.db import read_scope, session_scope
from ric.store.models import Booking, ConsultationSession, Partner, Task
from tests.conversations.conftest import buttons, texts

pytestmark = pytest.mark.rasa
DAY_TIME = re.compile(r"\b\w+dag \d{1,2} \w+, \d{2}:\d{2}\b")


@pytest.fixture(scope="module", autouse=True)
def spreekuren(bot):
    with session_scope(bot.sessions) as session:
        demo.seed_spreekuren(session, "PI Demo", dt.date.today(), "Europe/Amsterdam")


def _payloads(messages, prefix):
    return [b["payload"] for b in buttons(messages) if prefix in b["payload"]]


def _bookings(bot, sender):
    with read_scope(bot.sessions) as session:
        detainee = queries.get_detainee(session, sender)
        return session.scalars(select(Booking).where(Booking.detainee_id == detainee.id)).all()


def test_book_list_and_cancel_a_spreekuur_of_the_municipality(bot):
    """Book with buttons (Dutch day and time), see it, cancel it: the place is free again."""
    sender = "book-gemeente"
    offer = bot.say(sender, "ik wil naar het spreekuur van de gemeente")
    times = [b for b in buttons(offer) if "book:" in b["payload"]]
    assert times and all("Gemeente (demo)" in b["title"] for b in times)
    assert DAY_TIME.search(times[0]["title"]), times[0]["title"]
    confirm = bot.say(sender, times[0]["payload"])
    assert "Wil je deze afspraak maken?" in texts(confirm)
    done = bot.say(sender, _payloads(confirm, "bookok:")[0])
    assert "Je afspraak staat" in texts(done)
    (placed,) = _bookings(bot, sender)
    assert placed.status == "booked"
    with read_scope(bot.sessions) as session:
        task = session.scalars(select(Task).where(Task.key == f"booking_{placed.id}")).one()
        assert task.status == "open" and task.title.startswith("Spreekuur Gemeente (demo)")
    listed = bot.say(sender, "wanneer is mijn afspraak")
    assert "Gemeente (demo)" in texts(listed)
    tasks = bot.say(sender, "mijn taken")
    assert "Ga naar het spreekuur van Gemeente (demo)" in texts(tasks)
    choose = bot.say(sender, "ik wil mijn afspraak afzeggen")
    confirm_cancel = bot.say(sender, _payloads(choose, "cancel:")[0])
    cancelled = bot.say(sender, _payloads(confirm_cancel, "cancelok:")[0])
    assert "afgezegd" in texts(cancelled)
    assert _payloads(cancelled, "book_appointment")  # moving: offered a new time at once
    (placed,) = _bookings(bot, sender)
    assert placed.status == "cancelled"
    with read_scope(bot.sessions) as session:
        assert booking.taken_places(session, placed.session_id) == 0


def test_without_a_partner_the_assistant_asks_which_partner(bot):
    messages = bot.say("book-which", "ik wil een afspraak maken")
    assert "Met wie wil je een afspraak maken?" in texts(messages)
    kinds = _payloads(messages, "partner_kind")
    assert any('"gemeente"' in p for p in kinds) and any('"uwv"' in p for p in kinds)


def test_typed_yes_confirms_the_offered_time(bot):
    sender = "book-typed-yes"
    offer = bot.say(sender, '/book_appointment{"partner_kind":"uwv"}')
    bot.say(sender, _payloads(offer, "book:")[0])
    done = bot.say(sender, "ja")
    assert "Je afspraak staat" in texts(done)
    assert [b.status for b in _bookings(bot, sender)] == ["booked"]


def test_a_full_spreekuur_is_refused_in_plain_words(bot):
    """Someone else takes the last place between offer and confirmation."""
    sender = "book-full"
    offer = bot.say(sender, '/book_appointment{"partner_kind":"zorgaanbieder"}')
    chosen = _payloads(offer, "book:")[0]
    session_id = int(re.search(r"book:(\d+)", chosen).group(1))
    with session_scope(bot.sessions) as session:
        row = session.get(ConsultationSession, session_id)
        free = row.capacity - booking.taken_places(session, session_id)
        for number in range(free):
            other = queries.create_detainee(session, f"filler-{number}", pi="PI Demo")
            booking.book(
                session, other, session_id, now=dt.datetime.utcnow(), rules=booking.BookingRules()
            )
    bot.say(sender, chosen)
    refused = bot.say(sender, f'/choose{{"choice":"bookok:{session_id}"}}')
    assert "net vol" in texts(refused)
    assert _bookings(bot, sender) == []


def test_a_spreekuur_that_has_passed_cannot_be_booked(bot):
    sender = "book-past"
    offer = bot.say(sender, '/book_appointment{"partner_kind":"reclassering"}')
    chosen = _payloads(offer, "book:")[0]
    session_id = int(re.search(r"book:(\d+)", chosen).group(1))
    bot.say(sender, chosen)
    with session_scope(bot.sessions) as session:
        session.execute(
            update(ConsultationSession)
            .where(ConsultationSession.id == session_id)
            .values(starts_at=dt.datetime.utcnow() - dt.timedelta(hours=1))
        )
    refused = bot.say(sender, f'/choose{{"choice":"bookok:{session_id}"}}')
    assert "al geweest" in texts(refused)
    assert _bookings(bot, sender) == []


def test_a_hand_typed_payload_for_a_time_not_offered_books_nothing(bot):
    sender = "book-tamper"
    with read_scope(bot.sessions) as session:
        any_id = session.scalars(select(ConsultationSession.id)).first()
    for typed in (
        f'/choose{{"choice":"book:{any_id}"}}',
        f'/choose{{"choice":"bookok:{any_id}"}}',
        '/choose{"choice":"bookok:999999"}',
    ):
        messages = bot.say(sender, typed)
        assert "Kies een tijd uit de knoppen" in texts(messages)
    assert _bookings(bot, sender) == []


def test_the_debts_flow_offers_schuldhulp_and_goes_on_after_booking(bot):
    """A flow step offers the partner that helps with it; booking keeps the flow."""
    sender = "book-from-flow"
    path = {
        "has_debts": "yes",
        "knows_overview": "yes",
        "cjib": "no",
        "has_help": "no",
        "wants_help": "yes",
    }
    messages = bot.say(sender, "ik heb schulden")
    for _ in range(12):
        offered = _payloads(messages, '"partner_kind":"schuldhulp"')
        if offered:
            break
        step = re.search(r"flow:debts:(\w+):", _payloads(messages, "flow:debts")[0]).group(1)
        messages = bot.say(sender, f'/choose{{"choice":"flow:debts:{step}:{path[step]}"}}')
    assert offered, "the debts flow offers a spreekuur with schuldhulp"
    offer = bot.say(sender, offered[0])
    times = [b for b in buttons(offer) if "book:" in b["payload"]]
    assert all("Schuldhulp (demo)" in b["title"] for b in times)
    confirm = bot.say(sender, times[0]["payload"])
    done = bot.say(sender, _payloads(confirm, "bookok:")[0])
    assert "Je afspraak staat" in texts(done)
    with read_scope(bot.sessions) as session:
        partner = session.scalars(select(Partner).where(Partner.kind == "schuldhulp")).one()
        (placed,) = _bookings(bot, sender)
        assert session.get(ConsultationSession, placed.session_id).partner_id == partner.id
    status = bot.tracker(sender).get_slot("flow")
    assert status in ("debts", None)


def test_staff_cancelling_a_spreekuur_is_told_at_the_next_chat(bot):
    sender = "book-staff-cancel"
    offer = bot.say(sender, '/book_appointment{"partner_kind":"vrijwilligers"}')
    confirm = bot.say(sender, _payloads(offer, "book:")[0])
    bot.say(sender, _payloads(confirm, "bookok:")[0])
    (placed,) = _bookings(bot, sender)
    with session_scope(bot.sessions) as session:
        booking.cancel_session(session, placed.session_id, by="staff-test")
    messages = bot.say(sender, "hoi")
    assert "het RIC heeft dit spreekuur afgezegd" in texts(messages)
    again = bot.say(sender, "hoi")
    assert "afgezegd" not in texts(again)
