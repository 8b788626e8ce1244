"""A trained agent loaded once per session, talking to a real action server on a test store.

The action server is `ric actions` (ric/action_server.py) with a test ACTION_SECRET; the
agent sends it like Rasa does with the headers of var/endpoints.yml.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import sessionmaker

from ric.settings import ROOT
from ric.store.db import make_engine, make_sessionmaker

ACTION_SECRET = "test-action-secret-0123456789abcdef"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Bot:
    """Chat with the assistant in-process; the action server and store are real."""

    agent: Any
    loop: asyncio.AbstractEventLoop
    sessions: sessionmaker

    def say(self, sender: str, text: str, metadata: dict | None = None) -> list[dict]:
        """Sends one message and returns the assistant's messages."""
        return self.loop.run_until_complete(self._say(sender, text, metadata))

    async def _say(self, sender: str, text: str, metadata: dict | None) -> list[dict]:
        from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

        channel = CollectingOutputChannel()
        message = UserMessage(text, channel, sender, metadata=metadata or {})
        await self.agent.handle_message(message)
        return channel.messages

    def tracker(self, sender: str):
        return self.loop.run_until_complete(self.agent.tracker_store.get_or_create_tracker(sender))

    def parse(self, text: str) -> dict:
        return self.loop.run_until_complete(self.agent.parse_message(text))


@pytest.fixture(scope="session")
def bot(
    trained_model: Path, tmp_path_factory: pytest.TempPathFactory, migrated_template: Path
) -> Iterator[Bot]:
    """The assistant, loaded once: agent in-process, action server as a child process."""
    import logging

    from rasa.core.agent import Agent
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.utils.endpoints import EndpointConfig
    from rasa.utils.log_utils import configure_structlog

    configure_structlog(logging.WARNING)
    logging.getLogger("rasa").setLevel(logging.WARNING)

    folder = tmp_path_factory.mktemp("conversations")
    database = folder / "ric.db"
    shutil.copy(migrated_template, database)
    url = f"sqlite:///{database}"
    port = _free_port()
    env = dict(
        os.environ,
        DATABASE_URL=url,
        RIC_VAR_DIR=str(folder),
        RASA_TELEMETRY_ENABLED="false",
        PYTHONPATH=str(ROOT),
        ACTION_PORT=str(port),
        ACTION_SECRET=ACTION_SECRET,
        RIC_AUTO_REGISTER="true",  # the conversations speak as made-up senders
    )
    os.environ["DATABASE_URL"] = url
    os.environ["RIC_VAR_DIR"] = str(folder)
    log = (folder / "actions.log").open("wb")
    server = subprocess.Popen(
        [str(Path(sys.executable).with_name("ric")), "actions"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        _wait_for(f"http://127.0.0.1:{port}/health", server, folder / "actions.log")
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        agent = Agent.load(
            str(trained_model),
            action_endpoint=EndpointConfig(
                url=f"http://127.0.0.1:{port}/webhook",
                headers={"Authorization": f"Bearer {ACTION_SECRET}"},
            ),
            generator=EndpointConfig(type="ric.replies.nlg.CatalogNLG"),
            tracker_store=SQLTrackerStore(dialect="sqlite", db=str(database)),
        )
        engine = make_engine(url)
        yield Bot(agent, loop, make_sessionmaker(engine))
        engine.dispose()
        loop.close()
    finally:
        server.terminate()
        server.wait(10)
        os.environ.pop("DATABASE_URL", None)
        os.environ.pop("RIC_VAR_DIR", None)


def _wait_for(url: str, process: subprocess.Popen, log: Path, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"action server stopped:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"action server did not start:\n{log.read_text()[-3000:]}")


def texts(messages: list[dict]) -> str:
    """All text of the assistant's messages, joined."""
    return "\n".join(m.get("text") or "" for m in messages)


def buttons(messages: list[dict]) -> list[dict]:
    """Every button the assistant offered in these messages."""
    return [b for m in messages for b in m.get("buttons") or []]
