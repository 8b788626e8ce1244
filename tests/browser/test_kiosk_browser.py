"""A detainee at the RIC terminal, in real Chromium against the real running stack."""

import re

import pytest

from tests.browser.conftest import AXE, IDLE_SECONDS, screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.rasa]


def _click_choice(page, pattern):
    """Clicks the newest button whose text matches, and waits for the answer."""
    before = page.locator("#messages .msg.bot").count()
    page.locator("#messages .choice:not([disabled])", has_text=re.compile(pattern)).last.click()
    page.wait_for_function(
        f"document.querySelectorAll('#messages .msg.bot').length > {before}", timeout=60_000
    )
    page.wait_for_selector("#typing", state="hidden", timeout=60_000)


def _type(page, text):
    before = page.locator("#messages .msg.bot").count()
    page.fill("#text", text)
    page.press("#text", "Enter")
    page.wait_for_function(
        f"document.querySelectorAll('#messages .msg.bot').length > {before}", timeout=60_000
    )
    page.wait_for_selector("#typing", state="hidden", timeout=60_000)


def test_a_detainee_walks_a_flow_and_books_a_spreekuur_with_the_mouse(stack, page):
    sign_in(page, stack, "DEMO001", "1234")
    assert "RIC-assistent" in page.locator("#messages").inner_text()
    _click_choice(page, "^Schulden$")
    _click_choice(page, "^Ja$")
    assert page.locator("#conditions").inner_text().count("bezig") >= 1
    _type(page, "ik wil een afspraak maken")
    _click_choice(page, "^De gemeente$")
    _click_choice(page, "Gemeente \\(demo\\)")
    _click_choice(page, "^Ja, maak de afspraak$")
    assert "Je afspraak staat" in page.locator("#messages").inner_text()
    page.wait_for_function(
        "document.querySelector('#appointments').innerText.includes('Gemeente (demo)')"
    )
    screenshot(page, "kiosk-booked")


def test_a_typed_question_gets_an_answer_with_its_source(stack, page):
    sign_in(page, stack, "DEMO005", "5678")
    page.fill("#text", "hoe vraag ik een digid aan")
    page.press("#text", "Enter")
    page.wait_for_selector("#messages .bubble.knowledge", timeout=60_000)
    answer = page.locator("#messages .bubble.knowledge").last.inner_text()
    assert "Source: Logius" in answer  # DEMO005 chose English


def test_switching_to_arabic_renders_right_to_left(stack, page):
    sign_in(page, stack, "DEMO004", "4567")
    page.click("button[data-language=ar]")
    page.wait_for_function("document.documentElement.dir === 'rtl'", timeout=60_000)
    assert page.evaluate("document.documentElement.lang") == "ar"
    page.wait_for_selector("#messages .msg.bot[dir=rtl], #messages .msg.bot [dir=rtl]")
    screenshot(page, "kiosk-arabic")


def test_read_aloud_plays_audio(stack, page):
    sign_in(page, stack, "DEMO003", "3456")
    with page.expect_response(re.compile(r"/audio/[0-9a-f]{32}\.wav$"), timeout=60_000) as info:
        page.locator("#messages .speaker").first.click()
    response = info.value
    assert response.status in (200, 206) and response.headers["content-type"] == "audio/wav"


def test_idle_sign_out_wipes_the_screen(stack, page):
    sign_in(page, stack, "DEMO002", "2345")
    page.wait_for_selector("#idle-dialog:not([hidden])", timeout=(IDLE_SECONDS + 10) * 1000)
    page.wait_for_url(re.compile(r"/\?signed_out="), timeout=(IDLE_SECONDS + 10) * 1000)
    assert page.locator("#messages").count() == 0
    assert page.evaluate("sessionStorage.length + localStorage.length") == 0
    page.go_back()
    assert page.locator("#messages .msg").count() == 0
    screenshot(page, "kiosk-idle-signed-out")


@pytest.mark.parametrize("where", ["login", "chat"])
def test_axe_finds_no_serious_accessibility_violations(stack, browser, where):
    """axe-core (served from a local npm install) on the sign-in page and the chat."""
    context = browser.new_context(viewport={"width": 1280, "height": 1024}, bypass_csp=True)
    page = context.new_page()
    if where == "chat":
        sign_in(page, stack, "DEMO001", "1234")
    else:
        page.goto(stack + "/")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']});
        return r.violations.filter(v => ['serious', 'critical'].includes(v.impact))
                .map(v => v.id + ': ' + v.nodes.length);
    }""")
    context.close()
    assert result == []
