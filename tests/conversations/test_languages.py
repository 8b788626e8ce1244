"""Every language can do what Dutch can: checked with the language detector on the output."""

import re

import pytest
from babel.dates import format_datetime, get_timezone

from ric.language_detection import detect
from ric.store import booking
from ric.store.db import read_scope
from tests.conversations.conftest import buttons, texts
from tests.conversations.test_booking import spreekuren  # noqa: F401  (seeds the spreekuren)

pytestmark = pytest.mark.rasa
LANGUAGES = ("nl", "en", "ar", "tr", "pl")
QUESTION = {
    "nl": "hoe vraag ik een digid aan",
    "en": "how do i apply for digid",
    "ar": "كيف أطلب DigiD",
    "tr": "digid nasıl başvururum",
    "pl": "jak złożyć wniosek o digid",
}


def _check_language(messages, lang):
    """Every bot message long enough to tell is in the language."""
    checked = 0
    for message in messages:
        text = message.get("text") or ""
        # Names of organisations and source titles stay Dutch; judge the prose around them.
        prose = re.sub(r"(Bron|Source|Kaynak|Źródło|المصدر)\s*:.*", "", text)
        found = detect(prose, LANGUAGES)
        if found is not None:
            assert found[0] == lang, f"{lang} expected: {text[:120]!r}"
            checked += 1
    return checked


@pytest.mark.parametrize("lang", LANGUAGES)
def test_language_choice_flow_question_and_booking_in_each_language(bot, lang):
    sender = f"lang-{lang}"
    bot.say(sender, "/greet")
    switched = bot.say(sender, f'/choose{{"choice":"lang:{lang}"}}')
    checked = _check_language(switched, lang)
    # A whole guided flow (ID), pressing the last option until it ends.
    messages = bot.say(sender, "/condition_id")
    for _ in range(15):
        checked += _check_language(messages, lang)
        flow_buttons = [b for b in buttons(messages) if "flow:id:" in b["payload"]]
        if not flow_buttons:
            break
        messages = bot.say(sender, flow_buttons[-1]["payload"])
    checked += _check_language(messages, lang)
    # A knowledge answer.
    answer = bot.say(sender, QUESTION[lang])
    assert any((m.get("custom") or {}).get("article") == "digid" for m in answer), texts(answer)
    checked += _check_language(answer, lang)
    # A booking, with the day and time in the language.
    offer = bot.say(sender, '/book_appointment{"partner_kind":"uwv"}')
    checked += _check_language(offer, lang)
    time_button = [b for b in buttons(offer) if "book:" in b["payload"]][0]
    session_id = int(re.search(r"book:(\d+)", time_button["payload"]).group(1))
    with read_scope(bot.sessions) as session:
        starts = booking.get_session(session, session_id).starts_at
    zone = get_timezone("Europe/Amsterdam")
    expected_day = format_datetime(
        starts.replace(tzinfo=get_timezone("UTC")), "EEEE d MMMM", tzinfo=zone, locale=lang
    )
    assert expected_day in time_button["title"]
    confirm = bot.say(sender, time_button["payload"])
    done = bot.say(sender, [b for b in buttons(confirm) if "bookok:" in b["payload"]][0]["payload"])
    checked += _check_language(confirm + done, lang)
    assert checked >= 8, "enough messages were long enough to check"


def test_metadata_sets_the_language_of_the_answer(bot):
    messages = bot.say("lang-meta", "help", metadata={"language": "pl"})
    assert _check_language(messages, "pl") >= 1


def test_arabic_answers_are_marked_right_to_left(bot):
    messages = bot.say("lang-rtl", "/greet", metadata={"language": "ar"})
    assert any((m.get("custom") or {}).get("dir") == "rtl" for m in messages)
