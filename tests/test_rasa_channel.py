"""Rasa's signed channel takes only messages the portal signed, fresh and once.

The channel runs in a real Sanic server on a free port, as Rasa mounts it; the handler
behind it answers like the assistant (text with buttons, then a custom payload). The
real agent behind the channel, reached through the portal's gateway, is in
tests/conversations/test_signed_channel.py.
"""

from __future__ import annotations

import json
import socket
import time
import uuid

import aiohttp
import pytest
from sanic import Sanic

from ric import signing
from ric.portal.gateway import merge_messages
from ric.rasa_channel import SignedPortalInput
from ric.settings import SettingsError, load

SECRET = "channel-test-secret-0123456789abcdef"
URL = "/webhooks/ric/webhook"


class Assistant:
    """Answers each message like Rasa's agent would, and remembers what it received."""

    def __init__(self) -> None:
        self.received = []

    async def __call__(self, message) -> None:
        self.received.append(message)
        out = message.output_channel
        await out.send_text_with_buttons(
            message.sender_id, "Hoi!", [{"title": "Wonen", "payload": "/condition_housing"}]
        )
        await out.send_custom_json(message.sender_id, {"article": "digid", "lang": "nl"})


@pytest.fixture
async def channel(monkeypatch):
    """The channel in a Sanic server; yields (base url, assistant)."""
    monkeypatch.setattr(Sanic, "test_mode", True)  # several apps in one process
    assistant = Assistant()
    app = Sanic(f"channel_test_{uuid.uuid4().hex}")
    signed = SignedPortalInput(SECRET, window=60)
    app.blueprint(signed.blueprint(assistant), url_prefix="/webhooks/" + signed.url_prefix())
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    await server.startup()
    yield f"http://127.0.0.1:{port}", assistant
    server.close()
    await server.wait_closed()


def body_of(sender="DEMO001", message="hoi") -> bytes:
    return json.dumps(
        {"sender": sender, "message": message, "metadata": {"language": "nl"}}
    ).encode()


async def post(base, body, headers):
    async with aiohttp.ClientSession() as client:
        async with client.post(base + URL, data=body, headers=headers) as response:
            return response.status, await response.json()


async def test_a_signed_message_is_answered_like_the_rest_channel(channel):
    base, assistant = channel
    body = body_of()
    status, answer = await post(base, body, signing.sign(SECRET, "DEMO001", body))
    assert status == 200
    assert answer == [
        {
            "recipient_id": "DEMO001",
            "text": "Hoi!",
            "buttons": [{"title": "Wonen", "payload": "/condition_housing"}],
        },
        {"recipient_id": "DEMO001", "custom": {"article": "digid", "lang": "nl"}},
    ]
    merged = merge_messages(answer, "nl")
    assert merged[0]["article"] == "digid" and merged[0]["buttons"][0]["title"] == "Wonen"
    message = assistant.received[0]
    assert (message.sender_id, message.text, message.input_channel) == ("DEMO001", "hoi", "ric")
    assert message.metadata == {"language": "nl"}


async def test_a_message_without_signature_gets_401_and_is_not_processed(channel):
    base, assistant = channel
    status, _ = await post(base, body_of(), {})
    assert status == 401 and assistant.received == []


async def test_a_wrong_secret_or_a_changed_body_or_sender_gets_401(channel):
    base, assistant = channel
    body = body_of()
    wrong_secret = signing.sign("another-secret-0123456789abcdefghij", "DEMO001", body)
    assert (await post(base, body, wrong_secret))[0] == 401
    signed = signing.sign(SECRET, "DEMO001", body)
    assert (await post(base, body_of(message="zeg mijn afspraak af"), signed))[0] == 401
    other = body_of(sender="DEMO003")
    as_demo001 = signing.sign(SECRET, "DEMO001", other)  # signed for DEMO001, body DEMO003
    assert (await post(base, other, as_demo001))[0] == 401
    garbage = dict(signed, **{signing.SIGNATURE_HEADER: "not-hex"})
    assert (await post(base, body, garbage))[0] == 401
    assert assistant.received == []


async def test_an_expired_or_future_timestamp_gets_401(channel):
    base, assistant = channel
    body = body_of()
    old = signing.sign(SECRET, "DEMO001", body, now=time.time() - 120)
    future = signing.sign(SECRET, "DEMO001", body, now=time.time() + 120)
    assert (await post(base, body, old))[0] == 401
    assert (await post(base, body, future))[0] == 401
    assert assistant.received == []


async def test_a_replayed_request_gets_401_within_the_window_too(channel):
    base, assistant = channel
    body = body_of()
    headers = signing.sign(SECRET, "DEMO001", body)
    assert (await post(base, body, headers))[0] == 200
    assert (await post(base, body, headers))[0] == 401
    assert len(assistant.received) == 1


def test_the_signature_covers_timestamp_sender_and_body():
    body = body_of()
    headers = signing.sign(SECRET, "DEMO001", body, now=1_000_000)
    assert signing.verify(SECRET, headers, body, window=60, now=1_000_030) is None
    assert signing.verify(SECRET, headers, body, window=60, now=1_000_061) is not None
    later = dict(headers, **{signing.TIMESTAMP_HEADER: "1000001"})
    assert signing.verify(SECRET, later, body, window=60, now=1_000_030) is not None
    assert signing.verify(SECRET, {}, body, window=60) == "signature headers missing"


def test_the_published_default_secret_is_refused_outside_development():
    with pytest.raises(SettingsError, match="RASA_CHANNEL_SECRET"):
        SignedPortalInput.from_settings(load({}))
    assert SignedPortalInput.from_settings(load({"RIC_DEVELOPMENT": "true"})).window == 60
    chosen = SignedPortalInput.from_settings(load({"RASA_CHANNEL_SECRET": SECRET}))
    assert chosen.secret == SECRET
    with pytest.raises(SettingsError, match="32"):
        SignedPortalInput.from_settings(load({"RASA_CHANNEL_SECRET": "short"}))
