"""A RIC workday in real Chromium against the running stack (issue 14): enrol a detainee
and hand over the PIN slip, see the first conversation; an alert arrives live and is
handled; an editor changes one sentence, sees it as one change, and rolls it back."""

import re

import pytest

from tests.browser.conftest import screenshot, sign_in
from tests.browser.test_staff_browser import staff_sign_in

pytestmark = [pytest.mark.browser, pytest.mark.rasa]
VIEW = {"width": 1280, "height": 1024}
STAFF_HOME = re.compile(r"/staff$|/staff\?")


def staff_page(browser, stack, username, password):
    """A signed-in staff member's browser context and page."""
    context = browser.new_context(viewport=VIEW, bypass_csp=True)
    page = context.new_page()
    staff_sign_in(page, stack, username, password)
    page.wait_for_url(STAFF_HOME if username == "staff" else re.compile(r"/staff"))
    return context, page


def detainee_types(browser, stack, reg, pin, text):
    """A detainee signs in at the kiosk and sends one message; returns the context."""
    context = browser.new_context(viewport=VIEW, bypass_csp=True)
    kiosk = context.new_page()
    sign_in(kiosk, stack, reg, pin)
    kiosk.fill("#text", text)
    kiosk.press("#text", "Enter")
    return context, kiosk


def test_staff_enrol_a_detainee_who_signs_in_with_the_pin_slip(stack, browser):
    staff, page = staff_page(browser, stack, "staff", "demo-staff-2026")
    page.goto(stack + "/staff/enrol")
    page.fill("#reg", "WORK0001")
    page.fill("#name", "Sam (synthetisch)")
    page.select_option("#language", "nl")
    page.fill("#release", "2027-03-01")
    page.click("button:has-text('Inschrijven en pincode maken')")
    pin = page.locator(".pin-slip .pin").inner_text().strip()
    assert re.fullmatch(r"\d{4,8}", pin)
    screenshot(page, "staff-pin-slip")
    page.goto(stack + "/staff/detainees/WORK0001")  # the PIN is shown on the slip only
    assert "Sam (synthetisch)" in page.content() and pin not in page.locator("main").inner_text()

    detainee, kiosk = detainee_types(
        browser, stack, "WORK0001", pin, "ik heb geen huis als ik vrijkom"
    )
    kiosk.wait_for_function("document.querySelectorAll('#messages .msg.bot').length >= 3")
    detainee.close()

    page.goto(stack + "/staff/detainees/WORK0001/transcript")
    assert "ik heb geen huis als ik vrijkom" in page.locator(".transcript").inner_text()
    staff.close()


def test_an_urgent_alert_appears_live_on_a_staff_page_and_is_handled(stack, browser):
    staff, page = staff_page(browser, stack, "staff", "demo-staff-2026")
    page.goto(stack + "/staff/help")
    page.wait_for_timeout(500)  # the page's event stream is open

    detainee, _kiosk = detainee_types(
        browser, stack, "DEMO002", "2345", "mijn celmaat bedreigt me elke nacht"
    )

    page.wait_for_selector("#live-alert:not([hidden])", timeout=5_000)  # within 5 seconds
    assert "DEMO002" in page.locator("#live-alert").inner_text()
    detainee.close()
    page.reload()
    row = page.locator("tr.urgent", has_text="DEMO002").first
    row.locator("input[name=note]").fill("Gesproken met de PIW, overgeplaatst")
    row.locator("button:has-text('Markeer als afgehandeld')").click()
    page.wait_for_load_state()
    assert not page.locator("tr.urgent", has_text="DEMO002").count()
    staff.close()


def test_an_editor_sees_one_changed_sentence_and_rolls_it_back_after_confirming(stack, browser):
    editor, page = staff_page(browser, stack, "editor", "demo-editor-2026")
    page.goto(stack + "/staff/editor/articles/cv/nl")
    page.fill("#easy", page.input_value("#easy") + " Vraag hulp in het RIC.")
    page.click("button[value=save]")
    page.wait_for_url(re.compile(r"/history"))
    change = page.locator(".revision .change").first
    assert "(nl) gewijzigd" in change.inner_text()
    assert change.locator("ins").all_inner_texts() == ["Vraag hulp in het RIC."]
    assert page.locator(".revision").first.locator(".change").count() == 1
    page.goto(stack + "/staff/editor")
    assert (
        "verouderd"
        in page.locator("td.status-outdated a[href='/staff/editor/articles/cv/tr']").inner_text()
    )
    screenshot(page, "editor-one-sentence")

    page.goto(stack + "/staff/editor/articles/cv/history")
    page.locator("a:has-text('Draai deze wijziging terug')").first.click()
    assert page.locator("button:has-text('Ja, terugdraaien')").is_visible()  # asks first
    page.click("button:has-text('Ja, terugdraaien')")
    page.wait_for_url(re.compile(r"/history"))
    page.goto(stack + "/staff/editor")
    assert page.locator("a[href='/staff/editor/articles/cv/tr']").inner_text().strip() == "actueel"
    editor.close()
