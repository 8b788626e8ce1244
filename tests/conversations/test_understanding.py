"""What a detainee types: answered first when it asks, guided when it states a need,
and a crisis found wherever it is typed (issue 10), through the trained agent."""

import pytest

from ric.store import knowledge, queries
from ric.store.db import read_scope
from tests.conversations.conftest import buttons

pytestmark = pytest.mark.rasa

DUTCH = {"language": "nl"}


def _articles(messages):
    return [m["custom"]["article"] for m in messages if (m.get("custom") or {}).get("article")]


def _safety(messages):
    return [m["custom"]["safety"] for m in messages if (m.get("custom") or {}).get("safety")]


def _payloads(messages):
    return [b["payload"] for b in buttons(messages)]


def test_a_specific_question_gets_the_answer_first_and_the_flow_as_a_button(bot):
    messages = bot.say("und-q1", "moet ik mn zorgverzekering stopzetten nu ik vastzit", DUTCH)
    assert _articles(messages) == ["health-insurance"]
    assert "/condition_care" in _payloads(messages)
    assert bot.tracker("und-q1").get_slot("flow") is None


def test_a_stated_need_starts_the_flow(bot):
    messages = bot.say("und-need", "ik zit diep in de schulden", DUTCH)
    assert not _articles(messages)
    assert bot.tracker("und-need").get_slot("flow") == "debts"


@pytest.mark.parametrize(
    ("text", "condition"),
    [
        ("ik heb medicijnen nodig als ik vrijkom", "care"),
        ("ik heb een nieuwe id kaart nodig voor als ik vrij ben", "id"),
    ],
)
def test_a_need_that_sounds_like_a_brochure_topic_still_starts_the_flow(bot, text, condition):
    sender = f"und-need-{condition}"
    messages = bot.say(sender, text, DUTCH)
    assert not _articles(messages)
    assert bot.tracker(sender).get_slot("flow") == condition


def test_a_question_in_the_middle_of_a_flow_is_answered_and_the_flow_waits(bot):
    sender = "und-mid"
    bot.say(sender, "/condition_id", DUTCH)
    messages = bot.say(sender, "hoe lang is de activeringscode van digid geldig?", DUTCH)
    assert _articles(messages)
    assert bot.tracker(sender).get_slot("flow") == "id"


@pytest.mark.parametrize("text", ["hoi", "hallo", "dankjewel", "ok", "hmm"])
def test_greetings_thanks_and_lone_words_never_reach_the_unanswered_queue(bot, text):
    sender = f"und-chat-{text}"
    bot.say(sender, text, DUTCH)
    with read_scope(bot.sessions) as session:
        detainee = queries.get_detainee(session, sender)
        assert not [q for q in knowledge.open_unanswered(session) if q.detainee_id == detainee.id]


def test_a_crisis_in_the_middle_of_a_flow_alerts_staff_and_pauses_the_flow(bot):
    sender = "und-crisis-flow"
    bot.say(sender, "/condition_housing", DUTCH)
    messages = bot.say(sender, "ik wil er niet meer zijn", DUTCH)
    assert _safety(messages) == ["suicide"]
    assert bot.tracker(sender).get_slot("flow") is None
    with read_scope(bot.sessions) as session:
        detainee = queries.get_detainee(session, sender)
        alerts = queries.open_help_requests(session, detainee)
        assert [(a.kind, a.reason) for a in alerts] == [("urgent", "safety")]


def test_a_crisis_typed_after_a_button_press_is_found(bot):
    sender = "und-crisis-button"
    first = bot.say(sender, "/condition_id", DUTCH)
    choice = next(p for p in _payloads(first) if p.startswith("/choose"))
    bot.say(sender, choice, DUTCH)
    messages = bot.say(sender, "mn celmaat slaat me elke avond", DUTCH)
    assert _safety(messages) == ["threatened"]


def test_a_crisis_in_a_message_that_also_asks_something_is_found(bot):
    messages = bot.say(
        "und-crisis-mixed", "hoe krijg ik een uitkering? ik ga die gast vermoorden", DUTCH
    )
    assert _safety(messages) == ["harm_others"]


@pytest.mark.parametrize(
    "lang,text,category",
    [
        ("pl", "chcę się zabić", "suicide"),
        ("ar", "سأنتحر الليلة", "suicide"),
        ("tr", "kendimi oldurecegim", "suicide"),
        ("en", "my cellmate keeps beating me up", "threatened"),
    ],
)
def test_a_crisis_is_found_in_other_word_orders_spellings_and_letter_forms(
    bot, lang, text, category
):
    messages = bot.say(f"und-crisis-{lang}", text, {"language": lang})
    assert _safety(messages) == [category]
