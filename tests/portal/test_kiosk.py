"""The kiosk gateway: sign-in, lockout, sender binding, payload filtering, safe pages."""

import re
import shutil

from ric.store import queries
from ric.store.db import read_scope, session_scope
from tests.portal.conftest import csrf_of, sign_in


async def test_anonymous_visitor_gets_the_sign_in_page_with_native_language_names(client):
    response = await client.get("/")
    html = await response.text()
    assert response.status == 200
    assert 'name="reg_number"' in html and 'name="pin"' in html
    for name in ("Nederlands", "English", "العربية", "Türkçe", "Polski"):
        assert name in html
    assert response.headers["Cache-Control"] == "no-store"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]


async def test_pages_load_nothing_from_outside(client):
    """Closed network: every src and href points at the portal itself."""
    html = await (await client.get("/")).text()
    for url in re.findall(r'(?:src|href|action)="([^"]+)"', html):
        assert url.startswith(("/", "data:")), url


async def test_sign_in_with_the_right_pin_opens_the_chat(client):
    token = csrf_of(await (await client.get("/")).text())
    response = await client.post(
        "/login",
        allow_redirects=False,
        data={"reg_number": "demo001", "pin": "1234", "csrf": token},
    )
    assert response.status == 303
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Max-Age=" in cookie
    html = await (await client.get("/")).text()
    assert 'id="messages"' in html and "Afmelden" in html


async def test_a_wrong_pin_is_refused_and_five_failures_lock_the_account(client):
    for _ in range(5):
        _, html = await sign_in(client, pin="0000")
        assert "klopt niet" in html
    _, html = await sign_in(client, pin="1234")
    assert "Te vaak een verkeerde pincode" in html


async def test_sign_in_without_csrf_token_is_refused(client):
    response = await client.post("/login", data={"reg_number": "DEMO001", "pin": "1234"})
    assert response.status == 403


async def test_the_api_needs_a_signed_in_detainee(client):
    response = await client.post("/api/message", json={"text": "hoi"})
    assert response.status == 401


async def test_messages_go_to_rasa_as_the_signed_in_detainee_only(client, rasa):
    """A detainee cannot choose the sender: the portal binds it to the session."""
    csrf, _ = await sign_in(client)
    response = await client.post(
        "/api/message", json={"text": "hoi", "sender": "DEMO002"}, headers={"X-CSRF-Token": csrf}
    )
    assert response.status == 200
    assert rasa.received[-1]["sender"] == "DEMO001"
    assert rasa.received[-1]["metadata"] == {"language": "nl"}
    data = await response.json()
    assert data["messages"][0]["text"] == "Hoi! <b>vet</b>"
    assert data["messages"][0]["article"] == "digid"
    assert [c["condition"] for c in data["panel"]["conditions"]] == [
        "id",
        "housing",
        "income",
        "debts",
        "care",
    ]


async def test_api_message_without_csrf_header_is_refused(client, rasa):
    await sign_in(client)
    response = await client.post("/api/message", json={"text": "hoi"})
    assert response.status == 403 and rasa.received == []


async def test_typed_intent_payloads_are_not_passed_on_as_payloads(client, rasa):
    csrf, _ = await sign_in(client)
    await client.post(
        "/api/message", json={"text": '/book_appointment{"x":1}'}, headers={"X-CSRF-Token": csrf}
    )
    assert rasa.received[-1]["message"] == 'book_appointment{"x":1}'


async def test_only_offered_button_payloads_are_passed_on(client, rasa):
    """An answer button's payload goes on only once offered; a forged one is refused."""
    csrf, _ = await sign_in(client)
    headers = {"X-CSRF-Token": csrf}
    answer = '/choose{"choice":"flow:housing:where_live:no_place"}'
    refused = await client.post("/api/message", json={"payload": answer}, headers=headers)
    assert refused.status == 409 and rasa.received == []
    rasa.reply[0]["buttons"].append({"title": "Geen plek", "payload": answer})
    await client.post("/api/message", json={"payload": "/greet"}, headers=headers)
    accepted = await client.post("/api/message", json={"payload": answer}, headers=headers)
    assert accepted.status == 200
    assert rasa.received[-1]["message"] == answer
    forged = await client.post(
        "/api/message", json={"payload": '/choose{"choice":"bookok:1"}'}, headers=headers
    )
    assert forged.status == 409


async def test_the_fixed_bar_and_main_menu_payloads_always_go_on(client, rasa):
    """Menu, Stop, 'Praat met een medewerker' and the menu work without being offered."""
    csrf, _ = await sign_in(client)
    headers = {"X-CSRF-Token": csrf}
    for sent in ('/choose{"choice":"menu"}', "/stop", "/human_handoff", "/condition_housing"):
        response = await client.post("/api/message", json={"payload": sent}, headers=headers)
        assert response.status == 200, sent
        assert rasa.received[-1]["message"] == sent


async def test_the_chat_has_the_fixed_bar_and_says_when_read_aloud_cannot_work(
    client, monkeypatch, tmp_path
):
    """The bar is outside the chat log; without espeak-ng 'Lees voor' is hidden with a note."""
    await sign_in(client)
    page = await (await client.get("/")).text()
    bar = page.index('id="quickbar"')
    assert page.index('id="messages"') < bar and "</div>" in page[page.index('id="messages"') : bar]
    assert 'data-payload="/human_handoff"' in page and "Praat met een medewerker" in page
    assert ('data-speech="yes"' in page) == (shutil.which("espeak-ng") is not None)
    monkeypatch.setenv("PATH", str(tmp_path))  # a terminal where espeak-ng is not installed
    page = await (await client.get("/")).text()
    assert 'data-speech="no"' in page
    note = page[page.index('id="speech-note"') :].split(">", 1)
    assert " hidden" not in note[0] and note[1].startswith("Voorlezen werkt nu niet")


async def test_changing_language_sends_metadata_and_returns_page_texts(client, rasa, sessions):
    csrf, _ = await sign_in(client)
    with session_scope(sessions) as session:
        queries.set_language(session, queries.get_detainee(session, "DEMO001"), "ar")
    response = await client.post(
        "/api/message", json={"language": "ar"}, headers={"X-CSRF-Token": csrf}
    )
    data = await response.json()
    assert rasa.received[-1]["metadata"] == {"language": "ar"}
    assert rasa.received[-1]["message"] == '/choose{"choice":"lang:ar"}'
    assert data["dir"] == "rtl" and data["ui"]["send"] != "Stuur"


async def test_names_are_escaped_in_the_page(client, sessions):
    with session_scope(sessions) as session:
        queries.get_detainee(session, "DEMO001").display_name = "<script>alert(1)</script>"
    _, html = await sign_in(client)
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


async def test_the_allowlist_reaches_the_page(client, portal_settings):
    _, html = await sign_in(client)
    allowlist = re.search(r'data-allowlist="([^"]+)"', html).group(1).split(",")
    assert allowlist == list(portal_settings.ric_link_allowlist)


async def test_sign_out_forgets_the_session(client):
    csrf, _ = await sign_in(client)
    page = await client.post("/logout", data={"csrf": csrf})
    assert 'name="pin"' in await page.text()
    assert (await client.post("/api/message", json={"text": "hoi"})).status == 401


async def test_read_aloud_makes_audio_for_signed_in_detainees_only(client):
    anonymous = await client.post("/api/tts", json={"text": "Hallo", "lang": "nl"})
    assert anonymous.status == 401
    csrf, _ = await sign_in(client)
    response = await client.post(
        "/api/tts", json={"text": "Hallo **daar** ✅", "lang": "nl"}, headers={"X-CSRF-Token": csrf}
    )
    url = (await response.json())["url"]
    audio = await client.get(url)
    assert audio.status == 200 and audio.headers["Content-Type"] == "audio/wav"
    assert (await audio.read())[:4] == b"RIFF"


async def test_rasa_down_gives_a_plain_message(client, rasa, portal_settings):
    csrf, _ = await sign_in(client)
    rasa.reply = None  # the stand-in now fails
    response = await client.post(
        "/api/message", json={"text": "hoi"}, headers={"X-CSRF-Token": csrf}
    )
    assert response.status == 503
    assert "niet bereikbaar" in (await response.json())["error"]


async def test_login_page_language_can_be_chosen(client):
    token = csrf_of(await (await client.get("/")).text())
    page = await client.post("/language", data={"language": "tr", "csrf": token})
    assert 'lang="tr"' in await page.text()


async def test_pin_is_stored_as_an_argon2_hash(sessions, client):
    with read_scope(sessions) as session:
        assert queries.get_detainee(session, "DEMO001").pin_hash.startswith("$argon2")


async def test_a_button_of_an_older_answer_stays_valid_for_a_few_answers_only(client, rasa):
    """Offers are kept in the server-side session for the last OFFER_MEMORY answers."""
    from ric.portal.kiosk import OFFER_MEMORY

    csrf, _ = await sign_in(client)
    headers = {"X-CSRF-Token": csrf}
    old = '/choose{"choice":"flow:id:has_id:yes"}'
    rasa.reply[0]["buttons"].append({"title": "Ja", "payload": old})
    await client.post("/api/message", json={"payload": "/greet"}, headers=headers)
    rasa.reply[0]["buttons"].pop()
    for _turn in range(OFFER_MEMORY - 1):
        await client.post("/api/message", json={"text": "hoi"}, headers=headers)
    still = await client.post("/api/message", json={"payload": old}, headers=headers)
    assert still.status == 200
    for _turn in range(OFFER_MEMORY):
        await client.post("/api/message", json={"text": "hoi"}, headers=headers)
    gone = await client.post("/api/message", json={"payload": old}, headers=headers)
    assert gone.status == 409
