"""Privacy in the portal: redaction before Rasa and the store, the notice, AVG pages."""

from __future__ import annotations

import json
import re

import pytest
from aiohttp import web
from sqlalchemy import MetaData, select, text

from ric.store import knowledge, queries
from ric.store.db import read_scope, session_scope
from ric.store.models import AuditEntry, Detainee, Task
from tests.portal.conftest import RecordingRasa, sign_in, staff_sign_in
from tests.privacy.conftest import make_bsns, make_ibans

NOTICE = "Persoonlijke nummers zijn hier niet nodig"


class StoringRasa(RecordingRasa):
    """The recording stand-in, storing what it receives as Rasa and the actions would.

    The user message goes into Rasa's real SQL tracker store (table ``events``) and, as
    the knowledge action does for a question it cannot answer, into the editors' queue
    with the store's own ``record_unanswered``.
    """

    def __init__(self, tracker_store, sessions) -> None:
        super().__init__()
        self.tracker_store = tracker_store
        self.sessions = sessions

    async def webhook(self, request: web.Request) -> web.Response:
        from rasa.shared.core.events import UserUttered

        response = await super().webhook(request)
        if response.status == 200:
            body = self.received[-1]
            tracker = await self.tracker_store.get_or_create_tracker(body["sender"])
            tracker.update(UserUttered(body["message"], metadata=body.get("metadata")))
            await self.tracker_store.save(tracker)
            with session_scope(self.sessions) as db:
                detainee = queries.get_detainee(db, body["sender"])
                knowledge.record_unanswered(db, detainee, body["message"], "nl")
        return response


@pytest.fixture
async def rasa(aiohttp_server, tracker_store, sessions):
    """Overrides the portal's Rasa stand-in with one that stores what it receives."""
    recorder = StoringRasa(tracker_store, sessions)
    server = await aiohttp_server(recorder.app())
    recorder.port = server.port
    return recorder


def every_cell(sessions) -> list[str]:
    """Every value of every column of every table in the database, as text."""
    cells = []
    with read_scope(sessions) as db:
        metadata = MetaData()
        metadata.reflect(bind=db.connection())
        assert "events" in metadata.tables, "Rasa's tracker store table was written"
        for table in metadata.sorted_tables:
            for row in db.execute(select(table)):
                cells += [str(value) for value in row if value is not None]
    return cells


async def test_personal_numbers_never_reach_rasa_or_any_table(client, rasa, sessions):
    """BSNs, IBANs, phone numbers, e-mail and birth dates are replaced before anything else."""
    csrf, _ = await sign_in(client)
    bsns, ibans = make_bsns(3), make_ibans(3)
    typed = [
        f"mijn bsn is {bsns[0]} en mijn rekening {ibans[0]}",
        f"bsn {bsns[1][:3]} {bsns[1][3:6]} {bsns[1][6:]}, iban "
        + " ".join(ibans[1][i : i + 4] for i in range(0, len(ibans[1]), 4)),
        f"bel 06-12345678 of +31 20 765 4321, mail sam.devries@example.nl ({bsns[2]}, {ibans[2]})",
        "ik ben geboren op 12-03-1990 en op 4 mei 1985 is mijn broer geboren",
    ]
    for message in typed:
        response = await client.post(
            "/api/message", json={"text": message}, headers={"X-CSRF-Token": csrf}
        )
        assert response.status == 200
    forwarded = [body["message"] for body in rasa.received]
    assert forwarded[0] == "mijn bsn is [BSN] en mijn rekening [IBAN]"
    assert forwarded[2] == "bel [telefoon] of [telefoon], mail [e-mail] ([BSN], [IBAN])"
    assert forwarded[3] == "ik ben geboren op [datum] en op [datum] is mijn broer geboren"
    secrets = [*bsns, *ibans, "12345678", "7654321", "sam.devries", "12-03-1990", "4 mei 1985"]
    cells = every_cell(sessions)
    squeezed = [re.sub(r"[\s.\-]", "", cell) for cell in cells]
    found = [s for s in secrets if any(s in c for c in cells) or any(s in c for c in squeezed)]
    assert found == [], "0 personal numbers in any table"
    assert sum("[BSN]" in cell for cell in cells) >= 3, "the redacted text was stored"


async def test_the_detainee_is_told_once_per_session_that_numbers_were_removed(client, rasa):
    csrf, _ = await sign_in(client)
    first = await client.post(
        "/api/message", json={"text": "hoi, ik heet Sam"}, headers={"X-CSRF-Token": csrf}
    )
    assert NOTICE not in json.dumps(await first.json())
    number = make_bsns(1)[0]
    second = await (
        await client.post(
            "/api/message", json={"text": f"bsn {number}"}, headers={"X-CSRF-Token": csrf}
        )
    ).json()
    assert second["messages"][0]["text"].startswith(NOTICE)
    assert second["messages"][1]["text"] == "Hoi! <b>vet</b>", "the answer follows the notice"
    third = await (
        await client.post(
            "/api/message", json={"text": f"nog eens {number}"}, headers={"X-CSRF-Token": csrf}
        )
    ).json()
    assert NOTICE not in json.dumps(third), "only once per session"


async def test_the_notice_is_in_the_detainees_language(client, rasa):
    csrf, _ = await sign_in(client, "DEMO005", "5678")
    data = await (
        await client.post(
            "/api/message", json={"text": "call 0612345678"}, headers={"X-CSRF-Token": csrf}
        )
    ).json()
    assert data["messages"][0]["text"].startswith("Personal numbers are not needed here")
    assert rasa.received[-1]["message"] == "call [telefoon]"


# --- the editors' queue -----------------------------------------------------------------
async def test_editors_see_the_queue_redacted_without_who_asked_and_the_view_is_audited(
    staff_client, sessions
):
    number = make_bsns(1)[0]
    with session_scope(sessions) as db:
        detainee = queries.get_detainee(db, "DEMO001")
        knowledge.record_unanswered(db, detainee, f"oude vraag met bsn {number}", "nl")
        knowledge.record_feedback(db, detainee, "digid", False, "nl", "bel 0612345678")
    await staff_sign_in(staff_client, "editor")
    html = await (await staff_client.get("/staff/editor/queue")).text()
    assert "oude vraag met bsn [BSN]" in html and "bel [telefoon]" in html
    assert number not in html and "0612345678" not in html
    assert "DEMO001" not in html and "Demo Sam" not in html
    with read_scope(sessions) as db:
        actions = [(e.actor, e.action) for e in db.scalars(select(AuditEntry))]
    assert ("editor", "view_queue") in actions


# --- AVG inzage and erasure -------------------------------------------------------------
async def test_an_admin_sees_everything_about_a_detainee_as_a_page_and_as_json(
    staff_client, sessions
):
    with session_scope(sessions) as db:
        queries.create_task(db, queries.get_detainee(db, "DEMO001"), title="Bel de gemeente")
    await staff_sign_in(staff_client, "admin")
    page = await staff_client.get("/staff/detainees/DEMO001/inzage")
    html = await page.text()
    assert page.status == 200 and "Inzage" in html and "Bel de gemeente" in html
    assert "Demo Sam" in html and "pin_hash" not in html
    download = await staff_client.get("/staff/detainees/DEMO001/inzage.json")
    assert download.content_type == "application/json"
    assert "attachment" in download.headers["Content-Disposition"]
    data = await download.json()
    assert data["reg_number"] == "DEMO001"
    assert [t["title"] for t in data["tables"]["tasks"]] == ["Bel de gemeente"]
    with read_scope(sessions) as db:
        entries = [(e.actor, e.action, e.target) for e in db.scalars(select(AuditEntry))]
    assert ("admin", "inzage_html", "DEMO001") in entries
    assert ("admin", "inzage_json", "DEMO001") in entries
    assert not any("Bel de gemeente" in target for _a, _b, target in entries)


@pytest.mark.parametrize("role", ["staff", "editor"])
async def test_only_admins_open_the_inzage_and_erasure_pages(staff_client, role):
    token, _ = await staff_sign_in(staff_client, role)
    for path in ("/staff/detainees/DEMO001/inzage", "/staff/detainees/DEMO001/inzage.json"):
        assert (await staff_client.get(path)).status == 403
    response = await staff_client.post(
        "/staff/detainees/DEMO001/erase", data={"csrf": token, "confirm": "DEMO001"}
    )
    assert response.status == 403


async def test_an_unknown_detainee_gives_a_clear_404(staff_client):
    await staff_sign_in(staff_client, "admin")
    response = await staff_client.get("/staff/detainees/NOBODY/inzage")
    assert response.status == 404


async def test_erasure_needs_the_typed_registration_number_then_removes_the_detainee(
    staff_client, sessions
):
    """Also the detainee's own kiosk sessions end (server-side session rows go)."""
    await sign_in(staff_client)  # DEMO001 at the kiosk first
    token, _ = await staff_sign_in(staff_client, "admin")
    confirm = await staff_client.get("/staff/detainees/DEMO001/erase")
    assert confirm.status == 200 and 'name="confirm"' in await confirm.text()
    refused = await staff_client.post(
        "/staff/detainees/DEMO001/erase",
        data={"csrf": token, "confirm": "DEMO002"},
        allow_redirects=False,
    )
    assert refused.status == 303 and "/erase?notice=invalid" in refused.headers["Location"]
    no_token = await staff_client.post(
        "/staff/detainees/DEMO001/erase", data={"confirm": "DEMO001"}, allow_redirects=False
    )
    assert no_token.status == 403
    with read_scope(sessions) as db:
        assert queries.get_detainee(db, "DEMO001")
    erased = await staff_client.post(
        "/staff/detainees/DEMO001/erase",
        data={"csrf": token, "confirm": "DEMO001"},
        allow_redirects=False,
    )
    assert erased.status == 303 and erased.headers["Location"] == "/staff?notice=erased"
    with read_scope(sessions) as db:
        assert "DEMO001" not in set(db.scalars(select(Detainee.reg_number)))
        assert db.scalars(select(Task)).all() == []
        kiosk_sessions = db.execute(
            text("SELECT COUNT(*) FROM web_sessions WHERE sub = 'DEMO001'")
        ).scalar_one()
        assert kiosk_sessions == 0
        entries = [(e.actor, e.action, e.target) for e in db.scalars(select(AuditEntry))]
    assert any(
        e[:2] == ("admin", "erase_detainee") and e[2].startswith("DEMO001 (") for e in entries
    )
