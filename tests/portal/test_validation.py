"""Bad input gets a clear 4xx, never a 500 (issue 12, point 6): one test per finding.

Each finding of the review is reproduced against the portal with the real case store
and the recording Rasa stand-in of tests/portal/conftest.py; staff sign in through the
public sign-in route.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re

import pytest
from aiohttp import web
from sqlalchemy import text

from ric.portal.gateway import free_text
from ric.portal.validation import (
    InvalidInput,
    csv_cell,
    loads_json,
    parse_date,
    parse_id,
    parse_int,
    parse_slug,
    parse_time,
)
from ric.store import booking, knowledge, queries
from ric.store.db import session_scope
from ric.store.models import UnansweredQuestion, utcnow
from ric.text import clean_text
from tests.portal.conftest import csrf_of, sign_in, staff_sign_in

HUGE_ID = str(2**63)


# --- the parsers --------------------------------------------------------------------------
@pytest.mark.parametrize("value", [HUGE_ID, "0", "-1", "abc", "١٢", "1" * 40, "", "1.5"])
def test_an_id_that_cannot_exist_is_not_found(value):
    """Ids are ASCII digits from 1 to 2^63-1; anything else is a 404, not an overflow."""
    with pytest.raises(web.HTTPNotFound):
        parse_id(value)


def test_the_largest_64_bit_id_is_still_an_id():
    assert parse_id(str(2**63 - 1)) == 2**63 - 1


@pytest.mark.parametrize("value", ["a" * 300, "DigiD", "../etc", "digid.yml", "ｄｉｇｉｄ"])
def test_a_slug_that_cannot_exist_is_not_found(value):
    with pytest.raises(web.HTTPNotFound):
        parse_slug(value)


@pytest.mark.parametrize(
    "value", ["9999-12-31", "0001-01-01", "2026-02-30", "2026-2-3", "２０２６-01-01", "morgen"]
)
def test_a_date_outside_2000_to_2100_or_that_does_not_exist_is_refused(value):
    with pytest.raises(InvalidInput) as error:
        parse_date(value)
    assert "datum" in error.value.msgid


def test_an_empty_date_is_none_and_a_real_one_a_date():
    assert parse_date("") is None and parse_date(None) is None
    assert parse_date("2028-02-29") == dt.date(2028, 2, 29)


def test_times_and_numbers_are_bounded():
    assert parse_time("14:30") == dt.time(14, 30)
    for bad in ("25:00", "14:30:00+05:00", "14h"):
        with pytest.raises(InvalidInput):
            parse_time(bad)
    assert parse_int("", low=1, high=5, default=3) == 3
    for bad in ("0", "6", "1" * 5000, "1e3", "x"):
        with pytest.raises(InvalidInput):
            parse_int(bad, low=1, high=5)


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 1000 + b"]" * 1000,
        b'{"text": ' + b"1" * 4400 + b"}",
        b'{"text": 1e999}',
        b'{"text": NaN}',
        b"\xff\xfe",
        b'{"text": "open',
    ],
)
def test_json_that_is_too_deep_too_long_or_broken_is_refused(raw):
    with pytest.raises(InvalidInput):
        loads_json(raw)


def test_json_texts_come_out_clean():
    """A lone surrogate and control characters in JSON strings become U+FFFD."""
    assert loads_json(rb'{"text": "hoi \ud800 \u0000 \ud83d\ude00"}') == {
        "text": "hoi \ufffd \ufffd \U0001f600"
    }


def test_clean_text_keeps_newlines_and_tabs_and_replaces_the_rest():
    assert clean_text("a\r\nb\rc\td\x07\x9f\udfff") == "a\nb\nc\td\ufffd\ufffd\ufffd"


@pytest.mark.parametrize("cell", ["=HYPERLINK(1)", "+31", "-2", "@SUM(A1)", "\tx", "\rx"])
def test_csv_cells_that_a_spreadsheet_would_run_are_quoted(cell):
    assert csv_cell(cell) == "'" + cell


@pytest.mark.parametrize(
    ("typed", "sent"),
    [
        ('//choose{"choice":"x"}', 'choose{"choice":"x"}'),
        ("///safety", "safety"),
        ("  / / /greet", "greet"),
        ("\u200b//safety", "safety"),
        ("\uff0fsafety", "safety"),
        ("\u2215\u2044safety", "safety"),
        ("wat is 1/2", "wat is 1/2"),
    ],
)
def test_typed_text_loses_every_leading_slash(typed, sent):
    assert free_text(typed) == sent


# --- the findings against the portal ------------------------------------------------------
async def signed_in_staff(staff_client, username="admin"):
    token, _response = await staff_sign_in(staff_client, username)
    assert token, "sign-in failed"
    return token


async def test_server_header_names_no_versions(client):
    response = await client.get("/")
    assert response.headers["Server"] == "RIC"
    assert not re.search(r"\d", response.headers["Server"])


async def test_huge_negative_and_odd_ids_in_urls_are_not_found(staff_client, staff_settings):
    token = await signed_in_staff(staff_client)
    for path in (
        f"/staff/spreekuren/{HUGE_ID}",
        f"/staff/spreekuren/{HUGE_ID}/attendees.csv",
        "/staff/spreekuren/-1",
        "/staff/spreekuren/abc",
        f"/staff/spreekuren/{'9' * 5000}",
    ):
        assert (await staff_client.get(path)).status == 404, path
    for path in (
        f"/staff/detainees/DEMO001/tasks/{HUGE_ID}",
        f"/staff/detainees/DEMO001/help/{HUGE_ID}",
        f"/staff/spreekuren/{HUGE_ID}/cancel",
        f"/staff/spreekuren/1/bookings/{HUGE_ID}",
        f"/staff/editor/revisions/{HUGE_ID}/rollback",
        f"/staff/editor/queue/question/{HUGE_ID}",
    ):
        response = await staff_client.post(path, data={"csrf": token}, allow_redirects=False)
        assert response.status == 404, path


async def test_a_300_character_slug_or_registration_number_is_not_found(staff_client):
    await signed_in_staff(staff_client)
    long = "a" * 300
    for path in (
        f"/staff/editor/articles/{long}/nl",
        f"/staff/editor/articles/{long}/history",
        f"/staff/detainees/{'A' * 300}",
        f"/staff/detainees/{'A' * 300}/transcript",
    ):
        assert (await staff_client.get(path)).status == 404, path


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "2026-02-30"])
async def test_impossible_dates_get_a_clear_400(staff_client, day):
    token = await signed_in_staff(staff_client)
    response = await staff_client.get(f"/staff/detainees/DEMO001/transcript?from={day}")
    assert response.status == 400
    page = await response.text()
    assert "Deze datum klopt niet" in page and "Traceback" not in page
    response = await staff_client.get(f"/staff/detainees/DEMO001/transcript?to={day}")
    assert response.status == 400
    response = await staff_client.post(
        "/staff/detainees/DEMO001/tasks",
        data={"csrf": token, "title": "Paspoort", "due": day},
        allow_redirects=False,
    )
    assert response.status == 400 and "Deze datum klopt niet" in await response.text()
    response = await staff_client.post(
        "/staff/spreekuren",
        data={"csrf": token, "partner": "1", "date": day, "time": "10:00", "capacity": "4"},
        allow_redirects=False,
    )
    assert response.status == 400


async def test_absurd_numbers_in_the_spreekuur_form_get_a_400(staff_client):
    token = await signed_in_staff(staff_client)
    tomorrow = (dt.date.today() + dt.timedelta(days=2)).isoformat()
    for field, value in (("capacity", "9" * 30), ("duration", "9" * 5000), ("partner", HUGE_ID)):
        form = {"csrf": token, "partner": "1", "date": tomorrow, "time": "10:00", "capacity": "4"}
        form[field] = value
        response = await staff_client.post("/staff/spreekuren", data=form, allow_redirects=False)
        assert response.status == 400, field


async def test_deep_json_and_long_numbers_in_a_chat_message_get_a_400(client, rasa):
    csrf, _ = await sign_in(client)
    headers = {"X-CSRF-Token": csrf, "Content-Type": "application/json"}
    for body in (
        "[" * 1000 + "]" * 1000,
        '{"text": ' + "[" * 1000 + "]" * 1000 + "}",
        '{"text": ' + "7" * 4301 + "}",
        '{"text": 1e99999}',
    ):
        response = await client.post("/api/message", data=body.encode(), headers=headers)
        assert response.status == 400
        assert (await response.json())["error"]
    assert rasa.received == []


async def test_malformed_multipart_gets_a_400(staff_client):
    await signed_in_staff(staff_client)
    broken = (
        b"--xyz\r\nContent-Disposition: form-data; name=title\r\n\r\nA"  # never ends
        b"\r\n--xyz\r\nContent-Disposition: form-data\r\n\r\nB\r\n--xyz--"
    )
    for content_type in (
        "multipart/form-data; boundary=xyz",
        "multipart/form-data",
        "multipart/form-data; boundary=",
        "application/x-www-form-urlencoded; charset=no-such-charset",
    ):
        response = await staff_client.post(
            "/staff/detainees/DEMO001/tasks",
            data=broken,
            headers={"Content-Type": content_type},
            allow_redirects=False,
        )
        assert 400 <= response.status < 500, content_type


@pytest.mark.parametrize("typed", ['//choose{"choice":"lang:en"}', "///safety", "\uff0f/safety"])
async def test_typed_slashes_never_reach_rasa(client, rasa, typed):
    csrf, _ = await sign_in(client)
    response = await client.post(
        "/api/message", json={"text": typed}, headers={"X-CSRF-Token": csrf}
    )
    assert response.status == 200
    sent = rasa.received[-1]["message"]
    assert not sent.startswith("/") and sent.lstrip("/\uff0f") == sent


def _add_rasa_event(sessions, sender: str, raw_json: str) -> None:
    """A user event as Rasa's SQL tracker store writes it (the table made if still absent)."""
    with session_scope(sessions) as db:
        db.execute(
            text(
                "CREATE TABLE IF NOT EXISTS events (id INTEGER PRIMARY KEY, sender_id TEXT, "
                "type_name TEXT, timestamp REAL, intent_name TEXT, action_name TEXT, data TEXT)"
            )
        )
        db.execute(
            text(
                "INSERT INTO events (sender_id, type_name, timestamp, data) "
                "VALUES (:s, 'user', :t, :d)"
            ),
            {"s": sender, "t": utcnow().timestamp(), "d": raw_json},
        )


async def test_a_lone_surrogate_is_replaced_and_the_transcript_still_renders(
    client, rasa, staff_client, sessions
):
    """What the portal sends on is clean; an old event with a surrogate still renders."""
    csrf, _ = await sign_in(client)
    response = await client.post(
        "/api/message",
        data=b'{"text": "hallo \\ud800 daar"}',
        headers={"X-CSRF-Token": csrf, "Content-Type": "application/json"},
    )
    assert response.status == 200
    assert rasa.received[-1]["message"] == "hallo \ufffd daar"
    _add_rasa_event(sessions, "DEMO001", json.dumps({"event": "user", "text": "oud \ud800"}))
    await signed_in_staff(staff_client)
    page = await staff_client.get("/staff/detainees/DEMO001/transcript")
    assert page.status == 200
    assert "oud \ufffd" in await page.text()


async def test_a_lone_surrogate_in_the_queue_is_stored_replaced(staff_client, sessions):
    with session_scope(sessions) as db:
        detainee = queries.get_detainee(db, "DEMO001")
        knowledge.record_unanswered(db, detainee, "waar is \ud800 mijn pas\x00", "nl")
        knowledge.record_feedback(db, detainee, "digid", False, "nl", "kwijt \udc00")
    with session_scope(sessions) as db:
        stored = db.query(UnansweredQuestion).one()
        assert stored.text == "waar is \ufffd mijn pas\ufffd"
    await signed_in_staff(staff_client, "editor")
    page = await staff_client.get("/staff/editor/queue")
    assert page.status == 200 and "kwijt \ufffd" in await page.text()


async def test_the_attendee_csv_escapes_formulas_in_every_cell(staff_client, sessions):
    with session_scope(sessions) as db:
        detainee = queries.create_detainee(
            db, '=HYPERLINK("http://x")', pi="PI Demo", display_name="@SUM(A1)"
        )
        spreekuur = booking.available_sessions(
            db, now=utcnow(), rules=booking.BookingRules(), pi="PI Demo"
        )[0][0]
        booking.book(db, detainee, spreekuur.id, now=utcnow(), rules=booking.BookingRules())
        session_id = spreekuur.id
    await signed_in_staff(staff_client)
    response = await staff_client.get(f"/staff/spreekuren/{session_id}/attendees.csv")
    assert response.status == 200
    rows = list(csv.reader(io.StringIO(await response.text()), delimiter=";"))
    assert ['\'=HYPERLINK("http://x")', "'@SUM(A1)"] == rows[1][:2]
    for row in rows[1:]:
        assert all(cell[:1] not in ("=", "+", "-", "@", "\t", "\r") for cell in row)


async def test_an_unexpected_error_is_a_plain_500_page_without_a_trace(
    aiohttp_client, staff_settings
):
    """The last line of defence: no trace, no exception text, a plain message."""
    from ric.portal.app import init_app

    async def broken(_request):
        raise RuntimeError("secret detail")

    app = init_app(staff_settings)
    app.router.add_get("/staff/broken", broken)
    app.router.add_get("/api/broken", broken)
    client = await aiohttp_client(app)
    page = await client.get("/staff/broken")
    body = await page.text()
    assert page.status == 500 and "Er ging iets mis" in body
    assert "secret detail" not in body and "Traceback" not in body
    api = await client.get("/api/broken")
    assert api.status == 500 and "Er ging iets mis" in (await api.json())["error"]


# --- paging -------------------------------------------------------------------------------
def _rows_in(html: str, marker: str) -> int:
    return html.count(marker)


async def test_the_editor_queue_is_paged(aiohttp_client, staff_settings, sessions):
    from ric.portal.app import init_app

    client = await aiohttp_client(init_app(staff_settings.with_overrides(ric_page_size=50)))
    with session_scope(sessions) as db:
        for i in range(301):
            knowledge.record_unanswered(db, None, f"vraag nummer {i:03d}", "nl")
    await signed_in_staff(client, "editor")
    first = await (await client.get("/staff/editor/queue")).text()
    assert _rows_in(first, "vraag nummer ") == 50
    assert 'rel="next" href="/staff/editor/queue?page=2"' in first and 'rel="prev"' not in first
    last = await client.get("/staff/editor/queue?page=7")
    html = await last.text()
    assert _rows_in(html, "vraag nummer ") == 1
    assert 'rel="prev"' in html and 'rel="next"' not in html
    seen = set()
    for page in range(1, 8):
        html = await (await client.get(f"/staff/editor/queue?page={page}")).text()
        seen |= set(re.findall(r"vraag nummer \d{3}", html))
    assert len(seen) == 301  # every question on exactly one of the pages
    for bad in ("0", "-1", "abc", HUGE_ID):
        assert (await client.get(f"/staff/editor/queue?page={bad}")).status == 400


async def test_the_staff_overview_is_paged_and_keeps_the_search(
    aiohttp_client, staff_settings, sessions
):
    from ric.portal.app import init_app

    client = await aiohttp_client(init_app(staff_settings.with_overrides(ric_page_size=40)))
    with session_scope(sessions) as db:
        for i in range(250):
            queries.create_detainee(db, f"PAGE{i:03d}", pi="PI Demo")
    await signed_in_staff(client, "staff")
    first = await (await client.get("/staff?q=page")).text()
    assert _rows_in(first, 'href="/staff/detainees/PAGE') == 40
    assert 'href="/staff?q=page&amp;page=2"' in first
    seen = set()
    for page in range(1, 8):
        html = await (await client.get(f"/staff?q=page&page={page}")).text()
        seen |= set(re.findall(r"/staff/detainees/(PAGE\d{3})", html))
    assert len(seen) == 250
    assert 'rel="next"' not in await (await client.get("/staff?q=page&page=7")).text()


async def test_sign_in_form_with_odd_bodies_is_never_a_500(client):
    token = csrf_of(await (await client.get("/")).text())
    for body in (
        f"reg_number=%ED%A0%80%00&pin=%00&csrf={token}",  # a surrogate as bytes, NUL
        f"reg_number={'A' * 60000}&pin=1&csrf={token}",
        f"reg_number=%FF%FE&pin=%E2%82&csrf={token}",  # not UTF-8 at all
    ):
        response = await client.post(
            "/login",
            data=body.encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            allow_redirects=False,
        )
        assert response.status < 500
