"""In Arabic and Dutch, at 1024x768, with the mouse alone: book a spreekuur and cancel it."""

import re

import pytest

from ric.replies.catalog import Catalogs
from ric.settings import ROOT
from tests.browser.conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.rasa]


def shown(lang, msgid):
    """The button text the detainee sees, from the same catalogs as the assistant."""
    if lang == "nl":
        return msgid
    text = Catalogs(ROOT / "locales").gettext(lang, msgid)
    assert text != msgid, msgid
    return text


def _click(page, locator):
    before = page.locator("#messages .msg.bot").count()
    locator.click()
    page.wait_for_function(
        f"document.querySelectorAll('#messages .msg.bot').length > {before}", timeout=60_000
    )
    page.wait_for_selector("#typing", state="hidden", timeout=60_000)


def _choice(page, text):
    """The newest usable button with exactly this text (or containing it, for times)."""
    return page.locator("#messages .choice:not([disabled])", has_text=text).last


@pytest.mark.parametrize(
    "lang, reg, pin",
    [("ar", "DEMO002", "2345"), ("nl", "DEMO004", "4567")],  # DEMO004 switches from Polish
)
def test_booking_and_cancelling_with_the_mouse_at_1024x768(stack, browser, lang, reg, pin):
    context = browser.new_context(viewport={"width": 1024, "height": 768}, bypass_csp=True)
    page = context.new_page()
    sign_in(page, stack, reg, pin)
    page.wait_for_selector("#typing", state="hidden", timeout=60_000)
    if page.evaluate("document.documentElement.lang") != lang:
        _click(page, page.locator(f"#panel button[data-language={lang}]"))
        page.wait_for_function(f"document.documentElement.lang === '{lang}'", timeout=60_000)
    assert page.evaluate("document.documentElement.dir") == ("rtl" if lang == "ar" else "ltr")

    def text(msgid):
        return shown(lang, msgid)

    _click(page, _choice(page, re.compile(f"^{re.escape(text('Afspraak maken'))}$")))
    partners = page.locator("#messages .msg.bot:has(.choices)").last.locator(".choice")
    _click(page, partners.first)  # the municipality, named in Arabic
    _click(page, _choice(page, "Gemeente (demo)"))  # a time: the partner's own name stays
    _click(page, _choice(page, text("Ja, maak de afspraak")))
    page.wait_for_function(
        "document.querySelector('#appointments').innerText.includes('Gemeente (demo)')",
        timeout=60_000,
    )
    _click(page, _choice(page, re.compile(f"^{re.escape(text('Mijn afspraken'))}$")))
    _click(page, _choice(page, text("Afspraak afzeggen of verzetten")))
    _click(page, _choice(page, "Gemeente (demo)"))
    _click(page, _choice(page, text("Ja, afzeggen")))
    page.wait_for_function(
        "!document.querySelector('#appointments').innerText.includes('Gemeente (demo)')",
        timeout=60_000,
    )
    latest = page.locator("#messages .msg.bot").last
    assert latest.locator(".choice").count() >= 1, "the reply ends with a button"
    _click(page, page.locator("#quickbar [data-bar=menu]"))
    assert _choice(page, re.compile(f"^{re.escape(text('Afspraak maken'))}$")).is_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    context.close()
