"""Every reply renders in every language, from the catalogs and the knowledge files."""

import re

import pytest

from ric.content.repository import ContentRepository
from ric.replies.catalog import Catalogs
from ric.replies.render import REGISTRY, Renderer, _load_reply_modules
from ric.settings import ROOT, load

SETTINGS = load({})
LANGUAGES = SETTINGS.languages
SPREEKUUR = {
    "id": 7,
    "partner": "Gemeente (demo)",
    "kind": "gemeente",
    "starts_at": "2026-12-01T09:00:00",
    "room": "RIC 1",
    "booking": 3,
}
TASK = {
    "id": 1,
    "condition": "id",
    "key": "request_id_card",
    "title": "Vraag ID aan",
    "due": "2026-12-20",
}
PARAMS = {
    "greet": {"name": "Sam"},
    "language_menu": {"languages": list(LANGUAGES)},
    "language_offer": {"detected": "tr"},
    "help": {"in_flow": True},
    "out_of_scope": {"in_flow": False},
    "handoff": {"open_requests": 2},
    "flow_intro": {"condition": "id", "resumed": False},
    "flow_step": {"condition": "id", "step": "has_id", "booking_offers": ["gemeente"]},
    "task_created": {"condition": "id", "key": "x", "title": "Vraag ID aan", "due": "2026-12-20"},
    "flow_end": {"condition": "debts", "status": "done"},
    "flow_stopped": {"condition": "care"},
    "flow_restart": {"condition": "income", "status": "not_applicable"},
    "progress": {
        "statuses": {
            "id": "done",
            "housing": "in_progress",
            "income": "not_started",
            "debts": "not_applicable",
            "care": "not_started",
        },
        "next_condition": "housing",
    },
    "tasks": {"items": [TASK, {**TASK, "id": 2, "key": "booking_3", "spreekuur": SPREEKUUR}]},
    "task_done": {"condition": "id", "key": "x", "title": "Vraag ID aan"},
    "booking_choose_partner": {"kinds": ["gemeente", "uwv"]},
    "booking_offer": {"kind": "gemeente", "sessions": [SPREEKUUR]},
    "booking_none_free": {"kind": "uwv", "next_session": SPREEKUUR},
    "booking_confirm": {"spreekuur": SPREEKUUR},
    "booking_done": {"spreekuur": SPREEKUUR},
    "booking_refused": {"reason": "SessionFull"},
    "appointments": {"items": [SPREEKUUR]},
    "cancel_choose": {"items": [SPREEKUUR]},
    "cancel_confirm": {"spreekuur": SPREEKUUR},
    "cancel_done": {"kind": "gemeente"},
    "session_cancelled_notice": {"items": [SPREEKUUR]},
    "article": {"slug": "digid", "part": "answer"},
    "feedback_ask": {"slug": "digid"},
    "feedback_thanks": {"helpful": False},
    "menu": {"resume": "debts"},
    "flow_resume_offer": {"condition": "debts"},
    "article_source": {"slug": "digid"},
}


@pytest.fixture(scope="module")
def renderer():
    content = ContentRepository(ROOT / "knowledge", LANGUAGES)
    return Renderer(Catalogs(ROOT / "locales"), content, "Europe/Amsterdam")


def _keys():
    _load_reply_modules()
    return sorted(REGISTRY)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("key", _keys())
def test_every_reply_renders_with_text_in_every_language(renderer, key, lang):
    message = renderer.render(key, lang, PARAMS.get(key, {}))
    assert message["text"].strip()
    for button in message.get("buttons", []):
        assert button["title"].strip() and button["payload"].startswith("/")
    assert "{" not in message["text"].replace("{}", ""), "an unfilled placeholder"


def test_dates_are_in_the_users_language_and_time_zone(renderer):
    """09:00 UTC on 1 December 2026 is 10:00 in Amsterdam, on a Tuesday."""
    texts = {
        lang: renderer.render("booking_confirm", lang, PARAMS["booking_confirm"])["text"]
        for lang in LANGUAGES
    }
    assert "dinsdag 1 december, 10:00" in texts["nl"]
    assert "Tuesday 1 December, 10:00" in texts["en"]
    assert "Salı" in texts["tr"] and "wtorek" in texts["pl"]
    assert re.search("الثلاثاء", texts["ar"])


def test_arabic_messages_are_marked_right_to_left(renderer):
    message = renderer.render("greet", "ar", {})
    assert message["custom"] == {"lang": "ar", "dir": "rtl"}
    assert "custom" not in renderer.render("greet", "nl", {})


def test_a_knowledge_answer_carries_its_article_and_source(renderer):
    message = renderer.render("article", "nl", {"slug": "digid"})
    assert message["custom"]["article"] == "digid"
    assert "Bron: Logius" in message["text"]
    payloads = [b["payload"] for b in message["buttons"]]
    assert '/choose{"choice":"article:digid:easy"}' in payloads
    assert "/condition_id" in payloads


def test_a_flow_question_has_its_why_and_one_button_per_option(renderer):
    message = renderer.render("flow_step", "nl", {"condition": "id", "step": "has_id"})
    flow = renderer.content.flow("id")
    step = flow.steps["has_id"]
    assert "Waarom?" in message["text"]
    assert len(message["buttons"]) == len(step.options)


def test_an_unknown_key_renders_the_generic_error(renderer):
    assert "ging iets mis" in renderer.render("no_such_reply", "nl", {})["text"]


def test_task_due_date_is_formatted(renderer):
    text = renderer.render("task_created", "nl", PARAMS["task_created"])["text"]
    assert "zondag 20 december" in text  # 2026-12-20, in the user's language
