"""The portal's gateway reaches the real assistant through the signed channel only.

The trained agent is mounted in a Sanic server with Rasa's own ``register`` (as
``rasa run`` mounts the channels of the credentials file); the portal's RasaGateway
signs its messages. A gateway with another secret is refused and nothing is processed.
"""

from __future__ import annotations

import socket
import uuid

import aiohttp
import pytest
from sanic import Sanic

from ric.portal.gateway import AssistantUnavailable, RasaGateway, merge_messages
from ric.rasa_channel import SignedPortalInput

pytestmark = pytest.mark.rasa
SECRET = "conversation-channel-secret-0123456789"


async def _with_channel(agent, work):
    test_mode, Sanic.test_mode = Sanic.test_mode, True  # several Sanic apps in one process
    app = Sanic(f"signed_{uuid.uuid4().hex}")
    app.ctx.agent = agent
    from rasa.core.channels.channel import register

    register([SignedPortalInput(SECRET, window=60)], app, route="/webhooks/")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    await server.startup()
    try:
        async with aiohttp.ClientSession() as client:
            return await work(client, f"http://127.0.0.1:{port}")
    finally:
        server.close()
        await server.wait_closed()
        Sanic.test_mode = test_mode


def test_a_signed_message_from_the_gateway_is_answered_by_the_assistant(bot):
    async def work(client, base):
        gateway = RasaGateway(client, base, "unused-token", SECRET)
        return await gateway.send("SIGNED01", "/greet", "nl")

    raw = bot.loop.run_until_complete(_with_channel(bot.agent, work))
    messages = merge_messages(raw, "nl")
    assert messages and messages[0]["text"]
    assert all(item.get("recipient_id") == "SIGNED01" for item in raw)
    events = bot.tracker("SIGNED01").events
    assert any(e.as_dict().get("input_channel") == "ric" for e in events if e.type_name == "user")


def test_a_gateway_with_another_secret_is_refused_and_nothing_is_processed(bot):
    async def work(client, base):
        gateway = RasaGateway(client, base, "unused-token", "not-the-secret-0123456789abcdef")
        with pytest.raises(AssistantUnavailable, match="401"):
            await gateway.send("SIGNED02", "hoi", "nl")

    bot.loop.run_until_complete(_with_channel(bot.agent, work))
    assert [e for e in bot.tracker("SIGNED02").events if e.type_name == "user"] == []
