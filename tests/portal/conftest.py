"""The portal through aiohttp_client(init_app(settings)), with a recording Rasa stand-in.

The stand-in answers like Rasa's signed channel (checking the portal's signature with
ric.signing) and records what the portal sent, so the tests can check sender binding and
payload filtering. It has no tracker endpoint: the portal checks a pressed button against
the offers it recorded itself, without asking Rasa for the conversation. The real Rasa
server is exercised by the browser tests in tests/browser and
tests/conversations/test_signed_channel.py.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from aiohttp import web

from ric import demo, signing
from ric.portal.app import init_app
from ric.store.db import session_scope

CHANNEL_SECRET = "test-channel-secret-0123456789abcdef"


class RecordingRasa:
    """Answers like Rasa's REST channel; remembers the requests."""

    def __init__(self) -> None:
        self.received: list[dict] = []
        self.reply: list[dict] = [
            {
                "recipient_id": "x",
                "text": "Hoi! <b>vet</b>",
                "buttons": [{"title": "Wonen", "payload": "/condition_housing"}],
            },
            {"recipient_id": "x", "custom": {"article": "digid", "part": "answer"}},
        ]

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_post("/webhooks/ric/webhook", self.webhook)
        return app

    async def webhook(self, request: web.Request) -> web.Response:
        raw = await request.read()
        if signing.verify(CHANNEL_SECRET, dict(request.headers), raw, window=60):
            return web.json_response({"error": "unauthorised"}, status=401)
        body = await request.json()
        self.received.append(body)
        if self.reply is None:  # a test made the stand-in fail
            return web.json_response({"error": "down"}, status=500)
        return web.json_response(self.reply)


@pytest.fixture
async def rasa(aiohttp_server):
    recorder = RecordingRasa()
    server = await aiohttp_server(recorder.app())
    recorder.port = server.port
    return recorder


@pytest.fixture
def portal_settings(settings, rasa, sessions):
    with session_scope(sessions) as session:
        demo.seed_detainees(session, "PI Demo", dt.date.today())
    return settings.with_overrides(
        rasa_port=rasa.port, rasa_token="test-token", rasa_channel_secret=CHANNEL_SECRET
    )


@pytest.fixture
async def client(aiohttp_client, portal_settings):
    return await aiohttp_client(init_app(portal_settings))


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


async def sign_in(client, reg="DEMO001", pin="1234"):
    page = await client.get("/")
    token = csrf_of(await page.text())
    response = await client.post("/login", data={"reg_number": reg, "pin": pin, "csrf": token})
    html = await response.text()
    match = re.search(r'data-csrf="([^"]+)"', html)
    return match.group(1) if match else None, html


# --- staff and editor pages (issue 7) ---------------------------------------------------
@pytest.fixture
def staff_settings(portal_settings, sessions, tmp_path):
    """Portal settings with demo staff accounts, spreekuren and a copy of knowledge/."""
    import shutil

    from ric.settings import ROOT

    knowledge = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", knowledge)
    with session_scope(sessions) as session:
        demo.seed_staff(session)
        demo.seed_spreekuren(session, "PI Demo", dt.date.today(), "Europe/Amsterdam")
    return portal_settings.with_overrides(ric_knowledge_dir=str(knowledge))


@pytest.fixture
async def staff_client(aiohttp_client, staff_settings):
    return await aiohttp_client(init_app(staff_settings))


STAFF_PASSWORDS = {username: password for username, _r, _n, password in demo.DEMO_STAFF}


async def staff_sign_in(client, username: str, password: str | None = None):
    """Signs in on /staff/login; returns the new session's CSRF token and the response."""
    token = csrf_of(await (await client.get("/staff/login")).text())
    response = await client.post(
        "/staff/login",
        data={
            "username": username,
            "password": password or STAFF_PASSWORDS[username],
            "csrf": token,
        },
        allow_redirects=False,
    )
    if response.status != 303:
        return None, response
    page = await client.get(response.headers["Location"])
    return csrf_of(await page.text()), response
