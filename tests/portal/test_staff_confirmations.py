"""Labels that cannot be misread, and 'Afzeggen' of a spreekuur asked on a page of its own."""

import datetime as dt
import re

import pytest
from sqlalchemy import select

from ric.store import booking, queries
from ric.store.db import read_scope, session_scope
from ric.store.models import Booking, ConsultationSession, utcnow
from tests.portal.conftest import staff_sign_in
from tests.portal.test_transcript import visible


@pytest.fixture
def spreekuren(staff_settings, sessions):
    """A spreekuur three detainees booked, and an empty one, both in PI Demo."""
    with session_scope(sessions) as db:
        partner = booking.add_partner(db, "Gemeente Proef (test)", "gemeente", ["id"])
        starts = utcnow() + dt.timedelta(days=5)
        full = booking.add_session(db, partner, pi="PI Demo", starts_at=starts, capacity=4)
        empty = booking.add_session(
            db, partner, pi="PI Demo", starts_at=starts + dt.timedelta(days=1), capacity=4
        )
        for reg in ("DEMO001", "DEMO002", "DEMO003"):
            detainee = queries.get_detainee(db, reg)
            booking.book(db, detainee, full.id, now=utcnow(), rules=booking.BookingRules())
        return {"full": full.id, "empty": empty.id}


def cancelled(sessions, session_id: int) -> bool:
    with read_scope(sessions) as db:
        return db.get(ConsultationSession, session_id).cancelled_at is not None


async def test_afzeggen_with_attendees_is_a_link_to_a_confirmation_page(staff_client, spreekuren):
    """The list needs no script: a plain link for a booked spreekuur, a form for an empty one."""
    await staff_sign_in(staff_client, "staff")
    page = await (await staff_client.get("/staff/spreekuren")).text()
    assert f'<a class="button small" href="/staff/spreekuren/{spreekuren["full"]}/cancel">' in page
    assert f'action="/staff/spreekuren/{spreekuren["empty"]}/cancel"' in page


async def test_the_confirmation_page_says_who_is_told_and_changes_nothing(
    staff_client, spreekuren, sessions
):
    await staff_sign_in(staff_client, "staff")
    response = await staff_client.get(f"/staff/spreekuren/{spreekuren['full']}/cancel")
    assert response.status == 200
    page = await response.text()
    text = visible(page)
    assert "3 deelnemers krijgen bericht" in text and "Gemeente Proef (test)" in text
    assert "Ja, afzeggen" in text and re.search(r'href="/staff/spreekuren">Terug</a>', page)
    assert 'name="confirm" value="1"' in page and 'name="csrf"' in page
    assert not cancelled(sessions, spreekuren["full"])


async def test_posting_without_the_confirmation_changes_nothing(staff_client, spreekuren, sessions):
    token, _ = await staff_sign_in(staff_client, "staff")
    path = f"/staff/spreekuren/{spreekuren['full']}/cancel"
    response = await staff_client.post(path, data={"csrf": token}, allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == path
    assert not cancelled(sessions, spreekuren["full"])
    with read_scope(sessions) as db:
        statuses = db.scalars(
            select(Booking.status).where(Booking.session_id == spreekuren["full"])
        ).all()
        assert statuses == ["booked"] * 3


async def test_ja_afzeggen_cancels_and_the_attendees_hear_it_next_chat(
    staff_client, spreekuren, sessions
):
    token, _ = await staff_sign_in(staff_client, "staff")
    path = f"/staff/spreekuren/{spreekuren['full']}/cancel"
    response = await staff_client.post(path, data={"csrf": token, "confirm": "1"})
    assert response.status == 200 and "Het spreekuur is afgezegd" in await response.text()
    assert cancelled(sessions, spreekuren["full"])
    with read_scope(sessions) as db:
        rows = db.scalars(select(Booking).where(Booking.session_id == spreekuren["full"])).all()
        assert {(b.status, b.notify_pending) for b in rows} == {("cancelled", True)}
    page = visible(await (await staff_client.get(path)).text())
    assert "al afgezegd" in page and "Ja, afzeggen" not in page


async def test_an_empty_spreekuur_is_cancelled_at_once(staff_client, spreekuren, sessions):
    token, _ = await staff_sign_in(staff_client, "staff")
    page = visible(
        await (await staff_client.get(f"/staff/spreekuren/{spreekuren['empty']}/cancel")).text()
    )
    assert "Niemand heeft geboekt" in page
    await staff_client.post(f"/staff/spreekuren/{spreekuren['empty']}/cancel", data={"csrf": token})
    assert cancelled(sessions, spreekuren["empty"])


async def test_cancelling_needs_the_csrf_token_and_a_real_id(staff_client, spreekuren, sessions):
    await staff_sign_in(staff_client, "staff")
    path = f"/staff/spreekuren/{spreekuren['full']}/cancel"
    response = await staff_client.post(path, data={"confirm": "1"})
    assert response.status == 403 and not cancelled(sessions, spreekuren["full"])
    for bad in ("999999", "0", "abc", "9" * 30):
        response = await staff_client.get(f"/staff/spreekuren/{bad}/cancel")
        assert response.status == 404, bad


# --- labels ------------------------------------------------------------------------------
@pytest.fixture
def record(staff_settings, sessions):
    """DEMO001 with an open urgent alert, a request for staff, a task, a booking and a step."""
    with session_scope(sessions) as db:
        detainee = queries.get_detainee(db, "DEMO001")
        queries.create_help_request(db, detainee, kind="urgent", reason="safety")
        queries.create_help_request(db, detainee, kind="help", reason="handoff")
        queries.create_task(db, detainee, title="Bel de gemeente")
        queries.set_condition(db, detainee, "id", status="in_progress", step="has_digid")
        spreekuur = booking.available_sessions(
            db, now=utcnow(), rules=booking.BookingRules(), pi="PI Demo"
        )[0][0]
        booking.book(db, detainee, spreekuur.id, now=utcnow(), rules=booking.BookingRules())


async def test_an_open_urgent_alert_has_markeer_als_afgehandeld(staff_client, record):
    """'Afgehandeld' alone reads like a status; the button says what it does."""
    await staff_sign_in(staff_client, "staff")
    for path in ("/staff/detainees/DEMO001", "/staff/help"):
        page = await (await staff_client.get(path)).text()
        buttons = re.findall(r'<button type="submit" class="button small">([^<]+)</button>', page)
        assert "Markeer als afgehandeld" in buttons, path
        assert "Afgehandeld" not in buttons, path


async def test_the_detainee_record_speaks_plain_dutch(staff_client, record):
    await staff_sign_in(staff_client, "staff")
    text = visible(await (await staff_client.get("/staff/detainees/DEMO001")).text())
    assert "Veiligheidsmelding" in text and "Vroeg om een medewerker" in text
    assert "Heb je al een DigiD die werkt?" in text  # the step by its Dutch text
    assert "Geboekt" in text and "Open" in text and "Nederlands" in text
    for word in ("has_digid", "safety", "handoff", "booked", "assistant", " open ", " nl "):
        assert word not in f" {text} ", word
