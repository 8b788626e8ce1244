"""Staff pages: the access matrix route by route, CSRF, lockout, audit, transcript, spreekuren."""

import datetime as dt
import re

import pytest
from sqlalchemy import select

from ric.store import booking, queries, staff
from ric.store.db import read_scope, session_scope
from ric.store.models import AuditEntry, Booking, ConsultationSession, HelpRequest, Task, utcnow
from tests.portal.conftest import csrf_of, sign_in, staff_sign_in

ROLES = ("anonymous", "detainee", "staff", "editor", "admin")
RIC, EDIT, ADMIN, PUBLIC = {"staff", "admin"}, {"editor", "admin"}, {"admin"}, set(ROLES)

# Every route under /staff with who may use it; docs/security.md holds the same table.
ROUTES = [
    ("GET", "/staff/login", PUBLIC),
    ("POST", "/staff/logout", PUBLIC),  # only clears the cookie; still needs the CSRF token
    ("GET", "/staff", RIC),
    ("GET", "/staff/detainees/DEMO001", RIC),
    ("POST", "/staff/detainees/DEMO001/tasks", RIC),
    ("POST", "/staff/detainees/DEMO001/tasks/{task}", RIC),
    ("POST", "/staff/detainees/DEMO001/help/{help}", RIC),
    ("GET", "/staff/detainees/DEMO001/transcript", RIC),
    ("GET", "/staff/spreekuren", RIC),
    ("POST", "/staff/spreekuren", RIC),
    ("GET", "/staff/spreekuren/{session}", RIC),
    ("POST", "/staff/spreekuren/{session}/bookings/{booking}", RIC),
    ("GET", "/staff/spreekuren/{session}/attendees.csv", RIC),
    ("GET", "/staff/spreekuren/{session}/cancel", RIC),  # the confirmation step
    ("POST", "/staff/spreekuren/{session}/cancel", RIC),  # booked, unconfirmed: no change
    ("GET", "/staff/dashboard", RIC),
    ("GET", "/staff/dashboard/chart.svg", RIC),
    ("GET", "/staff/dashboard/partners.svg", RIC),
    ("GET", "/staff/audit", ADMIN),
    ("GET", "/staff/editor", EDIT),
    ("GET", "/staff/editor/articles/digid/en", EDIT),
    ("POST", "/staff/editor/articles/digid/en", EDIT),
    ("GET", "/staff/editor/articles/digid/history", EDIT),
    ("GET", "/staff/editor/flows/id/en", EDIT),
    ("POST", "/staff/editor/flows/id/en", EDIT),
    ("GET", "/staff/editor/flows/id/history", EDIT),
    ("GET", "/staff/editor/revisions/{revision}/rollback", EDIT),  # the confirmation step
    ("POST", "/staff/editor/revisions/{revision}/rollback", EDIT),  # unconfirmed: no change
    ("GET", "/staff/editor/try?q=digid", EDIT),
    ("GET", "/staff/editor/queue", EDIT),
    ("POST", "/staff/editor/queue/question/{question}", EDIT),
    ("POST", "/staff/editor/queue/feedback/{feedback}", EDIT),
    ("GET", "/staff/editor/queue?lang=ar&kind=question&since=2026-01-01", EDIT),
    ("POST", "/staff/editor/queue/dismiss", EDIT),  # nothing ticked: nothing dismissed
    ("GET", "/staff/detainees/DEMO001/inzage", ADMIN),
    ("GET", "/staff/detainees/DEMO001/inzage.json", ADMIN),
    ("GET", "/staff/detainees/DEMO001/erase", ADMIN),
    ("POST", "/staff/detainees/DEMO001/erase", ADMIN),  # without the typed number: erases nothing
    ("GET", "/staff/enrol", RIC),
    ("POST", "/staff/enrol", RIC),  # an empty form: 400 with the form again
    ("POST", "/staff/enrol/import", RIC),
    ("POST", "/staff/detainees/DEMO001/release-date", RIC),
    ("POST", "/staff/detainees/DEMO001/end-access", RIC),  # without confirmation: no change
    ("POST", "/staff/detainees/DEMO002/pin", RIC),
    ("GET", "/staff/help", RIC),
    ("POST", "/staff/help/{help}", RIC),
    # GET /staff/alerts/stream stays open: tested in tests/portal/test_help_queue.py
]


@pytest.fixture
def records(staff_settings, sessions):
    """A task, a help request, a booking and queue items to point the routes at."""
    from ric.store import knowledge

    with session_scope(sessions) as db:
        detainee = queries.get_detainee(db, "DEMO001")
        task = queries.create_task(db, detainee, title="Bel de gemeente")
        help_request = queries.create_help_request(db, detainee, kind="urgent", reason="safety")
        spreekuur = booking.available_sessions(
            db, now=utcnow(), rules=booking.BookingRules(), pi="PI Demo"
        )[0][0]
        placed = booking.book(
            db, detainee, spreekuur.id, now=utcnow(), rules=booking.BookingRules()
        )
        question = knowledge.record_unanswered(db, detainee, "mag ik een hond", "nl")
        feedback = knowledge.record_feedback(db, detainee, "digid", False, "nl", "digid kwijt")
        text = (staff_settings.knowledge_dir / "articles" / "digid.yml").read_text(encoding="utf-8")
        revision = staff.record_revision(
            db,
            kind="article",
            slug="digid",
            old_text=text,
            new_text=text,
            changed=["nl.answer"],
            text_languages=["nl"],
            author="editor",
        )
        return {
            "revision": revision.id,
            "task": task.id,
            "help": help_request.id,
            "session": spreekuur.id,
            "booking": placed.id,
            "partner": spreekuur.partner.name,
            "question": question.id,
            "feedback": feedback.id,
        }


async def become(client, role):
    """Signs the client in as the role; returns a CSRF token valid for its session."""
    if role == "anonymous":
        return csrf_of(await (await client.get("/staff/login")).text())
    if role == "detainee":
        token, _ = await sign_in(client)
        return token
    token, _ = await staff_sign_in(client, role)
    return token


@pytest.mark.parametrize("role", ROLES)
async def test_access_matrix_route_by_route(staff_client, records, role):
    """Each role reaches exactly the routes the matrix allows; others are sent away."""
    token = await become(staff_client, role)
    for method, template, allowed in ROUTES:
        path = template.format(**records)
        if method == "GET":
            response = await staff_client.get(path, allow_redirects=False)
        else:
            response = await staff_client.post(path, data={"csrf": token}, allow_redirects=False)
            if path == "/staff/logout":
                token = await become(staff_client, role)  # sign in again for the next routes
        where = f"{role} {method} {path}: {response.status}"
        if role in allowed:
            assert response.status in (200, 303, 400), where
            if response.status == 303:
                assert response.headers["Location"] != "/staff/login" or path == "/staff/logout", (
                    where
                )
        elif role in ("anonymous", "detainee"):
            if method == "GET":
                assert response.status == 303, where
                assert response.headers["Location"] == "/staff/login", where
            else:
                assert response.status == 403, where
        else:
            assert response.status == 403, where


async def test_a_detainee_kiosk_session_never_reaches_the_staff_pages(staff_client):
    await sign_in(staff_client)
    response = await staff_client.get("/staff/detainees/DEMO002", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/staff/login"


async def test_staff_forms_without_csrf_token_are_refused(staff_client, records, sessions):
    await staff_sign_in(staff_client, "staff")
    response = await staff_client.post(
        "/staff/detainees/DEMO001/tasks", data={"title": "Zonder token"}
    )
    assert response.status == 403
    response = await staff_client.post(
        "/staff/login", data={"username": "staff", "password": "demo-staff-2026"}
    )
    assert response.status == 403
    with read_scope(sessions) as db:
        assert not db.scalars(select(Task).where(Task.title == "Zonder token")).all()


async def test_five_wrong_passwords_lock_the_staff_account(staff_client):
    for _ in range(5):
        token, response = await staff_sign_in(staff_client, "staff", "wrong-password")
        assert token is None and "klopt niet" in await response.text()
    token, response = await staff_sign_in(staff_client, "staff")
    assert token is None and "Te vaak een verkeerd wachtwoord" in await response.text()


async def test_session_cookie_is_httponly_strict_and_expires(staff_client):
    _, response = await staff_sign_in(staff_client, "staff")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Max-Age=" in cookie


async def test_viewing_a_record_or_transcript_is_audited_and_admins_read_the_log(
    staff_client, records, sessions
):
    await staff_sign_in(staff_client, "staff")
    assert (await staff_client.get("/staff/detainees/DEMO001")).status == 200
    assert (await staff_client.get("/staff/detainees/DEMO001/transcript")).status == 200
    with read_scope(sessions) as db:
        entries = db.scalars(select(AuditEntry).where(AuditEntry.actor == "staff")).all()
        assert {(e.action, e.target) for e in entries} >= {
            ("view_detainee", "DEMO001"),
            ("view_transcript", "DEMO001"),
        }
    await staff_sign_in(staff_client, "admin")
    html = await (await staff_client.get("/staff/audit")).text()
    assert "view_transcript" in html and "DEMO001" in html


async def test_overview_shows_urgent_alerts_first_and_filters(staff_client, records):
    await staff_sign_in(staff_client, "staff")
    html = await (await staff_client.get("/staff")).text()
    numbers = re.findall(r'href="/staff/detainees/(DEMO\d+)"', html)
    assert numbers[0] == "DEMO001" and len(numbers) == 5
    assert "Urgent" in html
    html = await (await staff_client.get("/staff?q=yusuf")).text()
    assert re.findall(r'href="/staff/detainees/(DEMO\d+)"', html) == ["DEMO002"]


async def test_staff_add_edit_and_close_tasks_and_handle_help(staff_client, records, sessions):
    token, _ = await staff_sign_in(staff_client, "staff")
    base = "/staff/detainees/DEMO001"
    await staff_client.post(
        f"{base}/tasks", data={"csrf": token, "title": "Paspoortfoto", "due": "2030-01-02"}
    )
    task = records["task"]
    await staff_client.post(
        f"{base}/tasks/{task}",
        data={
            "csrf": token,
            "action": "save",
            "title": "Bel de gemeente op maandag",
            "due": "2030-02-03",
        },
    )
    await staff_client.post(f"{base}/help/{records['help']}", data={"csrf": token})
    with read_scope(sessions) as db:
        added = db.scalars(select(Task).where(Task.title == "Paspoortfoto")).one()
        assert added.due_date == dt.date(2030, 1, 2) and added.created_by == "staff"
        edited = db.get(Task, task)
        assert edited.title == "Bel de gemeente op maandag" and edited.due_date == dt.date(
            2030, 2, 3
        )
        handled = db.get(HelpRequest, records["help"])
        assert handled.status == "handled" and handled.handled_by == "staff"
    await staff_client.post(f"{base}/tasks/{task}", data={"csrf": token, "action": "done"})
    with read_scope(sessions) as db:
        assert db.get(Task, task).status == "done"


async def test_spreekuren_create_weekly_cancel_mark_and_export(staff_client, records, sessions):
    token, _ = await staff_sign_in(staff_client, "staff")
    day = (dt.date.today() + dt.timedelta(days=30)).isoformat()
    with read_scope(sessions) as db:
        partner = booking.get_partner(db, "UWV (demo)")
    response = await staff_client.post(
        "/staff/spreekuren",
        data={
            "csrf": token,
            "partner": partner.id,
            "date": day,
            "time": "10:00",
            "duration": "45",
            "capacity": "3",
            "room": "Kamer 2",
            "weeks": "3",
        },
    )
    assert response.status == 200
    with read_scope(sessions) as db:
        rows = db.scalars(
            select(ConsultationSession).where(ConsultationSession.room == "Kamer 2")
        ).all()
        assert len(rows) == 3 and rows[1].starts_at - rows[0].starts_at == dt.timedelta(weeks=1)
    session_id, booking_id = records["session"], records["booking"]
    await staff_client.post(
        f"/staff/spreekuren/{session_id}/bookings/{booking_id}",
        data={"csrf": token, "status": "no_show"},
    )
    with read_scope(sessions) as db:
        assert db.get(Booking, booking_id).status == "no_show"
    page = await (await staff_client.get(f"/staff/spreekuren/{session_id}")).text()
    assert "DEMO001" in page
    response = await staff_client.get(f"/staff/spreekuren/{session_id}/attendees.csv")
    assert response.content_type == "text/csv"
    csv_text = await response.text()
    assert "DEMO001;Demo Sam;no_show" in csv_text
    await staff_client.post(f"/staff/spreekuren/{rows[0].id}/cancel", data={"csrf": token})
    with read_scope(sessions) as db:
        assert db.get(ConsultationSession, rows[0].id).cancelled_by == "staff"


async def test_dashboard_has_tables_and_server_rendered_svg_charts(staff_client, records):
    await staff_sign_in(staff_client, "admin")
    html = await (await staff_client.get("/staff/dashboard")).text()
    assert 'src="/staff/dashboard/chart.svg"' in html
    assert records["partner"] in html  # the booking of the records fixture, whichever partner
    # per week: the booking, the urgent alert of the records fixture and the unanswered
    # question, linked to the editors' queue from that week's Monday on
    for table in ("bookings-per-week", "help-per-week", "unanswered-per-week"):
        assert f'data-table="{table}"' in html
    week = re.search(r'data-table="help-per-week">.*?<td>(\d{4}-W\d\d)</td><td>1</td>', html, re.S)
    assert week, "one urgent alert this week"
    assert re.search(r'href="/staff/editor/queue\?kind=question&amp;since=\d{4}-\d\d-\d\d"', html)
    for chart in ("chart.svg", "partners.svg"):
        response = await staff_client.get(f"/staff/dashboard/{chart}")
        assert response.content_type == "image/svg+xml"
        body = await response.text()
        assert "<svg" in body and "<script" not in body and 'href="http' not in body


async def test_a_pi_without_data_sees_nog_geen_gegevens_and_no_empty_chart(staff_client, sessions):
    with session_scope(sessions) as db:
        staff.create_account(db, "staff3", role="staff", password="staff3-password!", pi="PI Leeg")
    await staff_sign_in(staff_client, "staff3", "staff3-password!")
    html = await (await staff_client.get("/staff/dashboard")).text()
    assert html.count("Nog geen gegevens.") == 4
    assert "<img" not in html.split("<main", 1)[-1]


async def test_transcript_shows_real_tracker_events(staff_client, staff_settings, sessions):
    """Events written by Rasa's own SQL tracker store render as a readable chat."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    path = staff_settings.database_url.removeprefix("sqlite:///")
    store = SQLTrackerStore(Domain.empty(), dialect="sqlite", db=path)
    now = dt.datetime.now(dt.timezone.utc).timestamp()
    events = [
        ActionExecuted("action_listen", timestamp=now - 50),
        UserUttered(
            "hoe krijg ik digid",
            intent={"name": "faq", "confidence": 0.93},
            parse_data={"intent": {"name": "faq", "confidence": 0.93}, "entities": []},
            metadata={"language": "nl"},
            timestamp=now - 40,
        ),
        BotUttered(
            "DigiD is je inlogcode voor websites van de overheid.",
            data={"buttons": [{"title": "Hielp dit?", "payload": "/feedback"}]},
            metadata={"utter_action": "article", "lang": "nl", "params": {"slug": "digid"}},
            timestamp=now - 39,
        ),
        UserUttered(
            "/feedback",
            intent={"name": "choose", "confidence": 1.0},
            parse_data={"intent": {"name": "choose", "confidence": 1.0}, "entities": []},
            metadata={"language": "nl"},
            timestamp=now - 30,
        ),
        UserUttered(
            "blabla kat",
            intent={"name": "nlu_fallback", "confidence": 0.31},
            parse_data={"intent": {"name": "nlu_fallback", "confidence": 0.31}, "entities": []},
            metadata={"language": "nl"},
            timestamp=now - 20,
        ),
    ]
    tracker = DialogueStateTracker.from_events("DEMO001", events)
    await store.save(tracker)
    store.engine.dispose()
    await staff_sign_in(staff_client, "staff")
    html = await (await staff_client.get("/staff/detainees/DEMO001/transcript")).text()
    assert "hoe krijg ik digid" in html and "DigiD is je inlogcode" in html
    assert "Herkend als: Vraag (93%)" in html
    assert "Artikel: DigiD" in html
    assert "Hielp dit?" in html
    assert re.search(r'class="msg user flagged".*?blabla kat', html, re.S)
    assert re.search(r"Knop</span>Hielp dit\?", html)  # the title, not the payload
    assert "/feedback" not in html and "faq" not in html
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    html = await (
        await staff_client.get(f"/staff/detainees/DEMO001/transcript?from={tomorrow}")
    ).text()
    assert "hoe krijg ik digid" not in html
    with read_scope(sessions) as db:
        assert staff.transcript(db, "DEMO001")[0].language == "nl"
