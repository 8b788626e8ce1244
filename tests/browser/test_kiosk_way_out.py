"""A detainee who reads poorly finishes things alone: with the mouse, at 1024x768, aloud.

Each test signs in a demo detainee of its own (the store is shared by the browser tests),
so none depends on what another test did.
"""

import re

import pytest

from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.rasa]

LANGUAGES = ("nl", "ar", "tr", "pl", "en")
DEBTS_QUESTION = "Weet je hoeveel schuld je hebt en aan wie?"


def _wait_for_answer(page, before):
    page.wait_for_function(
        f"document.querySelectorAll('#messages .msg.bot').length > {before}", timeout=60_000
    )
    page.wait_for_selector("#typing", state="hidden", timeout=60_000)


def _bot_count(page):
    return page.locator("#messages .msg.bot").count()


def _click(page, locator):
    before = _bot_count(page)
    locator.click()
    _wait_for_answer(page, before)


def _latest_choices(page):
    """The buttons of the newest bot message that has buttons."""
    return page.locator("#messages .msg.bot:has(.choices)").last.locator(".choice")


def _type(page, text):
    before = _bot_count(page)
    page.fill("#text", text)
    page.press("#text", "Enter")
    _wait_for_answer(page, before)


def _switch_language(page, code):
    before = _bot_count(page)
    page.click(f"#panel button[data-language={code}]")
    page.wait_for_function(f"document.documentElement.lang === '{code}'", timeout=60_000)
    _wait_for_answer(page, before)


def test_a_flow_is_finished_with_buttons_only_and_klaar_only_when_nothing_is_open(stack, page):
    """Debts with a CJIB fine and help already arranged ends 'done' with a task open:
    the chat and the panel say 'nog 1 taak', not 'klaar'; the menu stays usable."""
    sign_in(page, stack, "DEMO003", "3456")
    _switch_language(page, "nl")
    _click(page, _latest_choices(page).filter(has_text=re.compile("^Schulden$")))
    for _ in range(4):  # has_debts, knows_overview, cjib, has_help: the first option
        _click(page, _latest_choices(page).first)
    chat = page.locator("#messages").inner_text()
    assert "Schulden: nog 1 taak" in chat
    debts = page.locator("#conditions li[data-condition=debts]")
    page.wait_for_function(
        "document.querySelector('#conditions li[data-condition=debts]')"
        ".innerText.includes('nog 1 taak')"
    )
    assert "klaar" not in debts.inner_text()
    # The first menu is still usable after all those choices.
    first_menu = page.locator("#messages .msg.bot:has(.choices)").first.locator(".choice")
    assert first_menu.first.is_enabled()
    # Tasks in the chat: titles with a 'Klaar' button each, no numbers.
    _click(page, _latest_choices(page).filter(has_text=re.compile("^Mijn taken$")))
    titles = _latest_choices(page).all_inner_texts()
    assert any(t.startswith("Klaar: ") for t in titles)
    assert not any(re.fullmatch(r"\d+ is klaar", t) for t in titles)


def test_stop_and_praat_met_een_medewerker_from_the_fixed_bar_mid_flow(stack, page):
    """In Arabic: the bar is in Arabic, outside the chat scroll, and works mid-flow."""
    sign_in(page, stack, "DEMO004", "4567")
    _switch_language(page, "ar")
    bar = page.locator("#quickbar")
    assert bar.locator("[data-bar=handoff]").inner_text().strip() == "تحدث مع موظف"
    assert page.locator(".product-name").inner_text().strip() != "RIC-assistent"
    assert page.locator("#messages #quickbar").count() == 0, "not part of the chat scroll"
    _click(page, _latest_choices(page).nth(4))  # care, the fifth condition
    _click(page, bar.locator("[data-bar=handoff]"))
    latest = page.locator("#messages .msg.bot").last
    assert latest.locator(".choice").count() >= 1, "the confirmation ends with a button"
    _click(page, bar.locator("[data-bar=stop]"))
    assert _latest_choices(page).count() >= 5, "stopping shows the menu"
    _click(page, bar.locator("[data-bar=menu]"))
    assert "القائمة" == bar.locator("[data-bar=menu]").inner_text().strip()


def test_five_side_questions_do_not_repeat_the_open_question(stack, page):
    """A returning detainee mid-flow is welcomed back at the question; five side questions
    each offer 'Verder met: Schulden' instead of asking it again; choosing it resumes."""
    sign_in(page, stack, "DEMO001", "1234")
    _switch_language(page, "nl")
    if page.locator("#messages").inner_text().count(DEBTS_QUESTION) == 0:
        _click(page, _latest_choices(page).filter(has_text=re.compile("^Schulden$")))
        _click(page, _latest_choices(page).filter(has_text=re.compile("^Ja$")))
    asked = page.locator("#messages").inner_text().count(DEBTS_QUESTION)
    assert asked >= 1
    for text in (
        "wat is een briefadres",
        "help",
        "hoe vraag ik digid aan",
        "wie wint de champions league",
        "hoe sta ik ervoor",
    ):
        _type(page, text)
        assert page.locator("#messages").inner_text().count(DEBTS_QUESTION) == asked, text
        assert _latest_choices(page).first.inner_text().strip() == "Verder met: Schulden"
    _click(page, _latest_choices(page).first)
    assert page.locator("#messages").inner_text().count(DEBTS_QUESTION) == asked + 1


def test_first_screen_at_1024x768_shows_the_five_conditions_without_scrolling(stack, browser):
    """The sign-in page's language choice and the chat's five conditions are above the fold."""
    context = browser.new_context(viewport={"width": 1024, "height": 768}, bypass_csp=True)
    page = context.new_page()
    page.goto(stack + "/")
    for button in page.locator(".login .lang-button").all():
        box = button.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 768
    sign_in(page, stack, "DEMO005", "5678")
    page.wait_for_selector("#typing", state="hidden", timeout=60_000)
    first = page.locator("#messages .msg.bot:has(.choices)").first.locator(".choice")
    assert first.count() >= 5
    chat = page.locator("#messages").bounding_box()
    for index in range(5):  # inside the visible part of the chat, not below its fold
        box = first.nth(index).bounding_box()
        assert box is not None and chat["y"] <= box["y"], index
        assert box["y"] + box["height"] <= min(768, chat["y"] + chat["height"]), index
    bar = page.locator("#quickbar").bounding_box()
    assert bar is not None and bar["y"] + bar["height"] <= 768
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()


def test_read_aloud_plays_audio_in_every_language(stack, page):
    """After each language switch the newest message is read aloud in that language."""
    sign_in(page, stack, "DEMO002", "2345")
    assert page.evaluate("document.body.dataset.speech") == "yes"
    for code in LANGUAGES:
        _switch_language(page, code)
        speaker = page.locator("#messages .msg.bot .speaker").last
        with page.expect_request(re.compile(r"/api/tts$")) as asked:
            with page.expect_response(
                re.compile(r"/audio/[0-9a-f]{32}\.wav$"), timeout=60_000
            ) as info:
                speaker.click()
        assert asked.value.post_data_json["lang"] == code
        response = info.value
        assert response.status in (200, 206), code
        assert response.headers["content-type"] == "audio/wav"
        audio = page.request.get(response.url)
        assert audio.ok and len(audio.body()) > 1000, code


def test_the_server_ends_an_idle_kiosk_session_with_the_page_script_disabled(stack, browser):
    """A terminal whose script hangs still signs the person out: the server ends the session,
    and the next page load shows the sign-in form, not the previous person's chat."""
    import time

    from tests.browser.conftest import IDLE_SECONDS

    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(stack + "/")
    page.fill("input[name=reg_number]", "DEMO005")
    page.fill("input[name=pin]", "5678")
    page.locator("form:has(input[name=pin]) [type=submit]").click()
    page.wait_for_selector("#logout-form", timeout=30_000)  # signed in: the chat page
    assert page.locator("input[name=pin]").count() == 0
    time.sleep(IDLE_SECONDS + 3)
    page.reload()
    assert page.locator("input[name=pin]").count() == 1, "the sign-in form, not the chat"
    assert page.locator("#logout-form").count() == 0
    context.close()
