"""Help queue and live alerts: an urgent alert reaches a signed-in staff page within 5 s."""

import asyncio
import json
import time

from sqlalchemy import select

from ric.store import queries
from ric.store.db import read_scope, session_scope
from ric.store.models import AuditEntry, HelpRequest
from tests.portal.conftest import csrf_of, staff_sign_in


def new_request(sessions, reg, kind):
    with session_scope(sessions) as db:
        detainee = queries.get_detainee(db, reg)
        return queries.create_help_request(db, detainee, kind=kind, reason="safety").id


async def test_the_queue_lists_urgent_first_and_marks_handled_with_a_note(staff_client, sessions):
    help_id = new_request(sessions, "DEMO002", "help")
    urgent_id = new_request(sessions, "DEMO001", "urgent")
    token, _ = await staff_sign_in(staff_client, "staff")
    html = await (await staff_client.get("/staff/help")).text()
    assert html.index(f"/staff/help/{urgent_id}") < html.index(f"/staff/help/{help_id}")
    assert "Markeer als afgehandeld" in html
    response = await staff_client.post(
        f"/staff/help/{urgent_id}", data={"csrf": csrf_of(html), "note": "Met mentor gesproken"}
    )
    after = await response.text()
    assert response.status == 200 and "Met mentor gesproken" in after
    with read_scope(sessions) as db:
        handled = db.get(HelpRequest, urgent_id)
        assert (handled.status, handled.handled_by) == ("handled", "staff")
        assert db.scalars(select(AuditEntry).where(AuditEntry.action == "handle_help")).all()
    missing = await staff_client.post("/staff/help/999999", data={"csrf": token})
    assert missing.status == 200 and "Niet gevonden" in await missing.text()


async def test_an_urgent_alert_is_streamed_to_the_staff_page_within_five_seconds(
    staff_client, sessions
):
    """Server-sent events: the alert made after the page connected arrives as an event."""
    await staff_sign_in(staff_client, "staff")
    async with staff_client.get("/staff/alerts/stream") as stream:
        assert stream.status == 200
        assert stream.headers["Content-Type"].startswith("text/event-stream")
        await asyncio.sleep(0.2)
        started = time.monotonic()
        alert_id = await asyncio.to_thread(new_request, sessions, "DEMO003", "urgent")
        data = None
        while time.monotonic() - started < 5 and data is None:
            line = await asyncio.wait_for(stream.content.readline(), timeout=5)
            if line.startswith(b"data: "):
                data = json.loads(line[6:])
        assert data is not None, "no alert within 5 seconds"
        assert data["id"] == alert_id and data["reg_number"] == "DEMO003"
        assert time.monotonic() - started < 5


async def test_editors_and_visitors_get_no_alert_stream(staff_client):
    anonymous = await staff_client.get("/staff/alerts/stream", allow_redirects=False)
    assert anonymous.status == 303
    await staff_sign_in(staff_client, "editor")
    editor = await staff_client.get("/staff/alerts/stream", allow_redirects=False)
    assert editor.status == 403
