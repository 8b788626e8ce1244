"""The transcript page reads as the conversation the detainee had, labelled in plain Dutch."""

import datetime as dt
import html as html_module
import re

from ric.portal.transcript import short
from ric.protocol import split_payload
from tests.portal.conftest import staff_sign_in
from tests.store.test_staff_transcript import bot, conversation, user

PAGE = "/staff/detainees/DEMO001/transcript"
INTERNAL = (
    "has_id",
    "still_valid",
    "condition_id",
    "human_handoff",
    "nlu_fallback",
    "dont_know",
    "flow_step",
    "utter_",
    "choose",
    "faq",
    "safety",
    "handoff",
    "suicide",
    "digid:",
)


async def save(tracker_store, events, sender="DEMO001"):
    from rasa.shared.core.trackers import DialogueStateTracker

    await tracker_store.save(DialogueStateTracker.from_events(sender, events))


def visible(page: str) -> str:
    """The text a reader sees: tags removed, entities decoded, spaces collapsed."""
    body = page.split("<main", 1)[-1]
    return " ".join(html_module.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def line_of(page: str, text: str, side: str = "user") -> str:
    """The visible text of the first transcript line of that side that contains `text`."""
    for item in re.findall(r'<li class="msg .*?</li>\s*(?=<li class="msg|</ol>)', page, re.S):
        if item.startswith(f'<li class="msg {side}') and text in html_module.unescape(item):
            return visible(item)
    raise AssertionError(f"no line with {text!r}")


async def transcript(staff_client, tracker_store, events=None, query=""):
    await save(tracker_store, events or conversation())
    await staff_sign_in(staff_client, "staff")
    response = await staff_client.get(PAGE + query)
    return response.status, await response.text()


async def test_a_button_press_shows_its_title_and_language_not_the_payload(
    staff_client, tracker_store
):
    status, page = await transcript(staff_client, tracker_store)
    assert status == 200
    assert "/choose" not in page and "flow:id" not in page and "/condition_id" not in page
    pressed = line_of(page, "Evet")
    assert pressed.startswith("Knop Evet") and "Turks" in pressed
    assert "Antwoord op: Heb je een geldig paspoort of ID-kaart? → Ja" in pressed
    assert re.search(r'<div class="bubble" lang="tr" dir="ltr">\s*<span class="tag">Knop', page)


async def test_lines_are_labelled_in_plain_dutch_without_internal_names(
    staff_client, tracker_store
):
    _, page = await transcript(staff_client, tracker_store)
    text = visible(page)
    assert "Stap: Heb je een geldig paspoort of ID-kaart?" in text
    assert "Begin: Geldig ID en DigiD" in text
    assert "Artikel: DigiD" in text
    assert "Veiligheidsmelding (suïcide)" in text
    assert "Doorverwezen naar medewerker" in text
    assert "Geen antwoord gevonden" in text
    # /condition_id, offered by no message here: the main menu's title, in Turkish
    assert "Onderwerp: ID-bewijs" in line_of(page, "Kimlik ve DigiD")
    for word in INTERNAL:
        assert word not in text, word


async def test_no_confidence_on_button_presses_only_where_the_nlu_decided(
    staff_client, tracker_store
):
    _, page = await transcript(staff_client, tracker_store)
    assert "%" not in line_of(page, "Evet")
    assert "%" not in line_of(page, "Bir görevliyle konuş")  # the bar's button, in Turkish
    assert "Herkend als: Vraag (93%)" in line_of(page, "digid nasıl alırım")
    assert "Herkend als: Veiligheid (97%)" in line_of(page, "ölmek istiyorum")


async def test_a_message_the_assistant_could_not_answer_shows_niet_begrepen(
    staff_client, tracker_store
):
    """No 'Vraag (100%)' for a question answered with 'I don't know', and fallbacks flagged."""
    _, page = await transcript(staff_client, tracker_store)
    unanswered = line_of(page, "kedi ve köpek")
    assert "niet begrepen" in unanswered and "100%" not in unanswered
    assert "niet begrepen" in line_of(page, "asdf qwer") and "31%" not in page
    assert re.search(r'class="msg user flagged">.*?kedi ve köpek', page, re.S)
    assert not re.search(r'class="msg user flagged">\s*<div[^>]*>\s*<span class="tag">', page)


async def test_the_date_filter_shows_only_the_chosen_days(staff_client, tracker_store):
    await save(tracker_store, conversation())
    await staff_sign_in(staff_client, "staff")
    today = dt.date.today()
    recent = await (await staff_client.get(f"{PAGE}?from={today - dt.timedelta(days=1)}")).text()
    assert "kedi ve köpek" in recent and "Geçerli kimlik ve DigiD." not in recent
    assert "Evet" in recent  # titled from a message before the period
    older = await (await staff_client.get(f"{PAGE}?to={today - dt.timedelta(days=2)}")).text()
    assert "Geçerli kimlik ve DigiD." in older and "kedi ve köpek" not in older
    assert f'value="{today - dt.timedelta(days=2)}"' in older


async def test_the_not_understood_filter_keeps_only_those_messages_and_their_replies(
    staff_client, tracker_store
):
    status, page = await transcript(staff_client, tracker_store, query="?not_understood=1")
    assert status == 200
    text = visible(page)
    assert "kedi ve köpek" in text and "asdf qwer" in text and "Bunu bilmiyorum." in text
    assert "digid nasıl alırım" not in text and "Evet" not in text
    assert 'name="not_understood" value="1" checked' in page


async def test_bad_or_reversed_dates_get_a_clear_message_not_a_500(staff_client, tracker_store):
    status, page = await transcript(staff_client, tracker_store, query="?from=2026-02-30")
    assert status == 400 and "Deze datum klopt niet" in page and 'name="from"' in page
    status, page = await transcript(
        staff_client, tracker_store, query="?from=2026-03-10&to=2026-03-01"
    )
    assert status == 400 and "ligt na de datum" in page
    assert "kedi ve köpek" not in page


async def test_a_bar_button_without_an_offer_shows_the_bar_title_in_the_conversation_language(
    staff_client, tracker_store
):
    events = [
        user("/greet", "greet", language="nl"),
        bot("Hoi!", "greet", lang="nl"),
        user("/human_handoff", "human_handoff", language="nl"),
        bot("Ik heb je vraag doorgegeven.", "handoff", lang="nl"),
    ]
    _, page = await transcript(staff_client, tracker_store, events)
    pressed = line_of(page, "Praat met een medewerker")
    assert pressed.startswith("Knop Praat met een medewerker") and "Medewerker gevraagd" in pressed
    opened = line_of(page, "De kiosk begint het gesprek.")
    assert "Knop" not in opened and "%" not in opened and "/greet" not in page


async def test_a_gone_step_or_article_still_reads_in_dutch(staff_client, tracker_store):
    events = [
        bot("?", "flow_step", {"condition": "id", "step": "removed_step"}, lang="nl"),
        bot("?", "article", {"slug": "no-such-article"}, lang="nl"),
        bot("?", "some_new_reply", lang="nl"),
    ]
    status, page = await transcript(staff_client, tracker_store, events)
    text = visible(page)
    assert status == 200 and "Stap: een stap die niet meer bestaat" in text
    assert "Artikel: no-such-article" in text and "Ander bericht" in text
    assert "removed_step" not in text and "some_new_reply" not in text


def test_payloads_split_and_steps_are_named_by_their_first_sentence():
    assert split_payload('/choose{"choice":"menu"}') == ("choose", {"choice": "menu"})
    assert split_payload("/stop") == ("stop", {})
    assert split_payload("/choose{broken") == ("choose", {})
    assert short("Eerste zin. Tweede zin.") == "Eerste zin."
    assert len(short("woord " * 40)) <= 90
