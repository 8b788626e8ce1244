"""A detainee can always go on: buttons at every turn's end, honest status, short texts."""

import re

import pytest

from ric.content.repository import ContentRepository
from ric.replies.catalog import Catalogs
from ric.replies.conversation import ALWAYS_OFFERED, BAR_PAYLOADS
from ric.replies.knowledge import chunks
from ric.replies.render import Renderer
from ric.settings import ROOT, load
from tests.replies.test_render import PARAMS, _keys

LANGUAGES = load({}).languages
# Replies that are always followed by another message of the same turn (the question,
# the resume button or the menu), so they need no button of their own.
FOLLOWED_BY_MORE = {
    "flow_intro",
    "flow_stale",
    "flow_restart",
    "flow_not_understood",
    "task_created",
    "help",  # PARAMS has in_flow=True: the resume button follows
}
# A sender the store does not know can use no button at all: told to ask staff.
NO_WAY_ON = {"unknown_sender"}


@pytest.fixture(scope="module")
def renderer():
    content = ContentRepository(ROOT / "knowledge", LANGUAGES)
    return Renderer(Catalogs(ROOT / "locales"), content, "Europe/Amsterdam")


@pytest.mark.parametrize("key", sorted(set(_keys()) - FOLLOWED_BY_MORE - NO_WAY_ON))
def test_every_reply_that_can_end_a_turn_has_a_button(renderer, key):
    """No dead ends: help request, safety, goodbye, thanks and errors end with a button."""
    assert renderer.render(key, "nl", PARAMS.get(key, {})).get("buttons"), key


def test_the_fixed_bar_payloads_are_always_accepted():
    """Menu, Stop and 'Praat met een medewerker' work whatever was offered before."""
    assert set(BAR_PAYLOADS.values()) <= ALWAYS_OFFERED
    assert BAR_PAYLOADS == {
        "menu": '/choose{"choice":"menu"}',
        "stop": "/stop",
        "handoff": "/human_handoff",
    }


@pytest.mark.parametrize("lang", LANGUAGES)
def test_welcome_is_two_short_sentences_with_conditions_tasks_and_booking(renderer, lang):
    message = renderer.render("greet", lang, {"name": "Sam"})
    assert len(re.findall(r"[.!?؟](\s|$)", message["text"])) <= 2
    assert [b["payload"] for b in message["buttons"]] == [
        "/condition_id",
        "/condition_housing",
        "/condition_income",
        "/condition_debts",
        "/condition_care",
        "/my_tasks",
        "/book_appointment",
    ]


def test_a_returning_detainee_in_a_flow_is_welcomed_back_without_the_menu(renderer):
    message = renderer.render("greet", "nl", {"name": "Sam", "returning": True, "flow": "debts"})
    assert message["text"].startswith("Welkom terug, Sam!")
    assert "Schulden" in message["text"] and "buttons" not in message


def test_tasks_have_a_klaar_button_with_their_title(renderer):
    message = renderer.render("tasks", "nl", PARAMS["tasks"])
    titles = [b["title"] for b in message["buttons"]]
    first_title = message["text"].split("\n")[1].removeprefix("• ").split(" — ")[0]
    assert titles[0].startswith("Klaar: ") and first_title.startswith(titles[0][7:].rstrip("…"))
    assert not any(re.fullmatch(r"\d+ is klaar", t) for t in titles)
    assert all(len(t) <= 60 for t in titles)


def test_a_task_without_a_date_is_due_as_soon_as_possible(renderer):
    item = {**PARAMS["tasks"]["items"][0], "due": None}
    assert "zo snel mogelijk" in renderer.render("tasks", "nl", {"items": [item]})["text"]
    created = renderer.render("task_created", "nl", {**PARAMS["task_created"], "due": None})
    assert "zo snel mogelijk" in created["text"]


def test_done_with_an_open_task_is_not_klaar(renderer):
    """'klaar' only when nothing in the condition is open; else how many tasks are left."""
    params = {
        "statuses": {c: "done" for c in ("id", "housing", "income", "debts", "care")},
        "open_tasks": {"debts": 1, "care": 2},
    }
    text = renderer.render("progress", "nl", params)["text"]
    assert "✓ ID en DigiD: klaar" in text
    assert "Schulden: nog 1 taak" in text and "Zorg en verzekering: nog 2 taken" in text
    assert "Schulden: klaar" not in text
    end = renderer.render(
        "flow_end", "nl", {"condition": "debts", "status": "done", "open_tasks": 1}
    )
    assert "nog 1 taak" in end["text"]


def test_long_texts_are_cut_in_chunks_of_at_most_three_sentences():
    text = "Een. Twee! Drie? Vier.\n• Vijf\nZes. Zeven."
    assert chunks(text) == ["Een. Twee! Drie?", "Vier.\n• Vijf\nZes.", "Zeven."]
    assert chunks("Kort.") == ["Kort."]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_article_shows_a_chunk_the_next_button_and_a_short_source(renderer, lang):
    message = renderer.render("article", lang, {"slug": "digid", "part": "more"})
    payloads = [b["payload"] for b in message["buttons"]]
    assert '/choose{"choice":"article:digid:more:1"}' in payloads
    assert '/choose{"choice":"article:digid:source"}' in payloads
    source_line = message["text"].rsplit("\n\n", 1)[1]
    assert "Logius" in source_line and len(source_line) < 40


def test_the_bron_button_gives_the_dutch_page_title(renderer):
    article = renderer.content.article("digid")
    text = renderer.render("article_source", "ar", {"slug": "digid"})["text"]
    assert all(source.title in text for source in article.sources)


def test_the_menu_offers_the_paused_flow_first(renderer):
    message = renderer.render("menu", "ar", {"resume": "debts"})
    assert message["buttons"][0]["payload"] == "/condition_debts"
    assert "Schulden" not in message["buttons"][0]["title"], "in the user's language"
