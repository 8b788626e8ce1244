"""Staff and editors at work in real Chromium against the real running stack."""

import re

import pytest

from ric.settings import ROOT
from tests.browser.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.rasa]


def staff_sign_in(page, url, username, password):
    page.goto(url + "/staff/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.click("button[type=submit]")


def test_staff_reads_a_transcript_and_marks_a_help_request_handled(stack, browser):
    detainee = browser.new_context(viewport={"width": 1280, "height": 1024}, bypass_csp=True)
    kiosk = detainee.new_page()
    sign_in(kiosk, stack, "DEMO001", "1234")
    kiosk.fill("#text", "ik wil een medewerker spreken")
    kiosk.press("#text", "Enter")
    kiosk.wait_for_selector("#messages >> text=doorgegeven", timeout=60_000)
    detainee.close()

    staff = browser.new_context(viewport={"width": 1280, "height": 1024}, bypass_csp=True)
    page = staff.new_page()
    staff_sign_in(page, stack, "staff", "demo-staff-2026")
    page.wait_for_url(re.compile(r"/staff$|/staff\?"))
    page.click("a[href='/staff/detainees/DEMO001']")
    page.click("a[href='/staff/detainees/DEMO001/transcript']")
    transcript = page.locator(".transcript").inner_text()
    assert "ik wil een medewerker spreken" in transcript
    assert "Medewerker gevraagd" in transcript and "human_handoff" not in transcript
    screenshot(page, "staff-transcript")
    page.goto(stack + "/staff/detainees/DEMO001")
    page.locator("form[action*='/help/'] button").first.click()
    assert "afgehandeld door staff" in page.locator("main").inner_text()
    staff.close()


def test_an_editor_changes_an_answer_and_the_kiosk_serves_it(stack, browser):
    """The stack edits a copy of knowledge/; the repository's file stays as it is."""
    repository_file = ROOT / "knowledge" / "articles" / "vog.yml"
    before = repository_file.read_text(encoding="utf-8")
    editor = browser.new_context(viewport={"width": 1280, "height": 1024}, bypass_csp=True)
    page = editor.new_page()
    staff_sign_in(page, stack, "editor", "demo-editor-2026")
    page.goto(stack + "/staff/editor/articles/vog/nl")
    new_answer = (
        "Een VOG is een verklaring van Justis dat je gedrag geen bezwaar is voor een "
        "baan. Vraag je casemanager hoe je hem aanvraagt. (gewijzigd door de redactie)"
    )
    page.fill("#answer", new_answer)
    page.click("button[value=save]")
    page.wait_for_url(re.compile(r"/history"))
    screenshot(page, "editor-history")
    editor.close()

    detainee = browser.new_context(viewport={"width": 1280, "height": 1024}, bypass_csp=True)
    kiosk = detainee.new_page()
    sign_in(kiosk, stack, "DEMO001", "1234")
    kiosk.fill("#text", "wat is een verklaring omtrent het gedrag")
    kiosk.press("#text", "Enter")
    kiosk.wait_for_selector("#messages >> text=gewijzigd door de redactie", timeout=60_000)
    detainee.close()
    assert repository_file.read_text(encoding="utf-8") == before
