"""Language: metadata wins, a detected language is offered (not switched), short text never."""

import asyncio

from bot.actions.menu import ActionHelp
from ric.language_detection import detect
from ric.store import queries
from ric.store.db import read_scope
from tests.conftest import make_tracker

LANGUAGES = ("nl", "en", "ar", "tr", "pl")


def _run(action, dispatcher, tracker):
    return asyncio.run(action.run(dispatcher, tracker, {}))


def test_detector_finds_long_text_and_ignores_short_words():
    assert detect("benim kimliğim yok ne yapmalıyım", LANGUAGES)[0] == "tr"
    assert detect("nie mam dowodu osobistego", LANGUAGES)[0] == "pl"
    assert detect("أريد موعد مع البلدية", LANGUAGES)[0] == "ar"
    for short in ("ok", "hoi", "ja", "stop", "DigiD?", "/greet"):
        assert detect(short, LANGUAGES) is None


def test_metadata_language_is_used_and_stored(action_env, sessions, dispatcher):
    events = _run(
        ActionHelp(),
        dispatcher,
        make_tracker("L1", text="help", intent="help", metadata={"language": "tr"}),
    )
    assert dispatcher.messages[0]["lang"] == "tr"
    assert {"event": "slot", "name": "language", "value": "tr", "timestamp": None} in events
    with read_scope(sessions) as session:
        assert queries.get_detainee(session, "L1").language == "tr"


def test_text_in_another_language_is_offered_not_switched(action_env, dispatcher):
    events = _run(
        ActionHelp(),
        dispatcher,
        make_tracker(
            "L2", text="benim kimliğim yok ne yapmalıyım", intent="help", slots={"language": "nl"}
        ),
    )
    offer = dispatcher.messages[0]
    assert offer["response"] == "language_offer" and offer["lang"] == "tr"
    assert dispatcher.messages[1]["lang"] == "nl"
    assert not [e for e in events if e.get("name") == "language"]


def test_no_offer_when_metadata_sets_the_language_or_text_is_short(action_env, dispatcher):
    _run(
        ActionHelp(),
        dispatcher,
        make_tracker(
            "L3",
            text="benim kimliğim yok ne yapmalıyım",
            intent="help",
            metadata={"language": "nl"},
        ),
    )
    _run(ActionHelp(), dispatcher, make_tracker("L3", text="ok", intent="help"))
    assert "language_offer" not in [m["response"] for m in dispatcher.messages]


def test_a_declined_language_is_not_offered_again(action_env, dispatcher):
    _run(
        ActionHelp(),
        dispatcher,
        make_tracker(
            "L4",
            text="benim kimliğim yok ne yapmalıyım",
            intent="help",
            slots={"language": "nl", "language_declined": "tr"},
        ),
    )
    assert "language_offer" not in [m["response"] for m in dispatcher.messages]


def test_mixed_dutch_with_a_few_foreign_words_does_not_offer_a_switch(action_env, dispatcher):
    for text in (
        "mijn DigiD werkt niet, help please",
        "Merhaba ik heb een vraag",
        "ik heb een appointment nodig bij de gemeente",
    ):
        _run(
            ActionHelp(),
            dispatcher,
            make_tracker("L5", text=text, intent="help", slots={"language": "nl"}),
        )
    assert "language_offer" not in [m["response"] for m in dispatcher.messages]
