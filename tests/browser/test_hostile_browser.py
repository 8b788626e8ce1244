"""No script runs in the staff pages after hostile input was stored (issue 12, point 7).

The browser part of the hostile-input test (tests/portal/test_hostile_input.py is the
bulk): on the real stack, a detainee sends script payloads through the chat (Rasa keeps
them in its tracker store, the transcript shows them) and an admin stores them as a task
title and types them into the search fields. Then every staff page that shows them is
opened in Chromium. The context bypasses the pages' CSP, so escaping alone has to stop
the payloads: any `alert()` would raise a dialog and any run payload sets
`window.__pwned`.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

from ric import demo
from tests.browser.conftest import screenshot, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.rasa]

PAYLOADS = [
    "<script>window.__pwned=1;alert(1)</script>",
    '"><img src=x onerror="window.__pwned=2;alert(2)">',
    '\'><svg onload="window.__pwned=3;alert(3)">',
    '</textarea><script>window.__pwned=4</script><a href="javascript:alert(4)">x</a>',
]
ADMIN_PASSWORD = {u: p for u, _r, _n, p in demo.DEMO_STAFF}["admin"]
DETAINEE = "DEMO004"


def test_stored_script_payloads_never_run_in_the_staff_pages(stack, browser):
    # 1. the detainee sends the payloads through the chat, as the kiosk script would
    kiosk_context = browser.new_context(viewport={"width": 1280, "height": 1024}, bypass_csp=True)
    kiosk = kiosk_context.new_page()
    sign_in(kiosk, stack, DETAINEE, "4567")
    csrf = kiosk.get_attribute("[data-csrf]", "data-csrf")
    for payload in PAYLOADS:
        response = kiosk_context.request.post(
            stack + "/api/message",
            data=json.dumps({"text": payload}),
            headers={"X-CSRF-Token": csrf, "Content-Type": "application/json"},
            timeout=60_000,
        )
        assert response.status == 200, response.text()
    kiosk_context.close()

    # 2. an admin stores them as task titles and types them into the search fields
    context = browser.new_context(viewport={"width": 1280, "height": 1024}, bypass_csp=True)
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(stack + "/staff/login")
    page.fill("#username", "admin")
    page.fill("#password", ADMIN_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(re.compile(r"/staff$|/staff\?"))
    for payload in PAYLOADS:
        page.goto(f"{stack}/staff/detainees/{DETAINEE}")
        page.fill("#new-title", payload)
        with page.expect_navigation():
            page.locator("#new-title").press("Enter")

    # 3. every page that shows them: nothing ran, and the payloads are shown as text
    pages = [
        "/staff",
        f"/staff?q={quote(PAYLOADS[0])}",
        f"/staff/detainees/{DETAINEE}",
        f"/staff/detainees/{DETAINEE}/transcript",
        "/staff/editor/queue",
        "/staff/audit",
        f"/staff/editor/try?q={quote(PAYLOADS[1])}",
    ]
    for path in pages:
        response = page.goto(stack + path)
        assert response is not None and response.status == 200, path
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.__pwned === undefined"), path
    assert dialogs == []
    page.goto(f"{stack}/staff/detainees/{DETAINEE}")
    titles = [field.input_value() for field in page.locator("input[id^='title-']").all()]
    assert set(PAYLOADS) <= set(titles)  # stored as typed, shown as text
    page.goto(f"{stack}/staff/detainees/{DETAINEE}/transcript")
    transcript = page.locator("main").inner_text()
    assert PAYLOADS[0] in transcript
    screenshot(page, "hostile-transcript")
    assert page.evaluate("() => window.__pwned === undefined") and dialogs == []
    context.close()
