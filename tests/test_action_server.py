"""The action server (`ric actions`) listens on 127.0.0.1 and serves only callers with the
shared secret (ACTION_SECRET)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from ric.action_server import authorised
from ric.cli import main
from ric.settings import ROOT, load

SECRET = "action-test-secret-0123456789abcdef"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def action_server(settings, tmp_path):
    """`ric actions` as `ric run` starts it, on a free port with a test secret."""
    port = _free_port()
    env = dict(
        os.environ,
        DATABASE_URL=settings.database_url,
        RIC_VAR_DIR=str(tmp_path),
        ACTION_PORT=str(port),
        ACTION_SECRET=SECRET,
        RASA_TELEMETRY_ENABLED="false",
        PYTHONPATH=str(ROOT),
    )
    env.pop("ACTION_HOST", None)
    log = (tmp_path / "actions.log").open("wb")
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("ric")), "actions"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while True:
        try:
            with urllib.request.urlopen(f"{base}/health", timeout=2):
                break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                raise RuntimeError((tmp_path / "actions.log").read_text()[-3000:]) from None
            time.sleep(0.5)
    yield base
    process.terminate()
    process.wait(10)


def request(url: str, body: dict | None = None, token: str | None = None) -> tuple[int, object]:
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    data = json.dumps(body).encode() if body is not None else None
    call = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(call, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


ACTION_CALL = {
    "next_action": "action_my_appointments",
    "sender_id": "DEMO003",
    "tracker": {
        "sender_id": "DEMO003",
        "slots": {"language": "nl"},
        "latest_message": {"text": "", "intent": {"name": "my_appointments"}, "entities": []},
        "events": [],
        "paused": False,
        "followup_action": None,
        "active_loop": {},
        "latest_action_name": "action_listen",
    },
    "domain": {},
}


def test_without_the_secret_every_call_is_refused_with_401(action_server):
    for token in (None, "wrong-secret", ""):
        assert request(f"{action_server}/webhook", ACTION_CALL, token)[0] == 401
        assert request(f"{action_server}/actions", token=token)[0] == 401


def test_with_the_secret_the_actions_are_served(action_server):
    status, names = request(f"{action_server}/actions", token=SECRET)
    assert status == 200 and {"name": "action_book_appointment"} in names
    status, result = request(f"{action_server}/webhook", ACTION_CALL, SECRET)
    assert status == 200 and "responses" in result
    assert request(f"{action_server}/health")[0] == 200  # readiness stays open


def test_the_action_server_binds_to_loopback_by_default():
    assert load({}).action_host == "127.0.0.1"


def test_the_bearer_check_wants_exactly_the_secret():
    assert authorised(f"Bearer {SECRET}", SECRET)
    assert authorised(f"bearer {SECRET}", SECRET)
    assert not authorised(SECRET, SECRET)
    assert not authorised(f"Basic {SECRET}", SECRET)
    assert not authorised(f"Bearer {SECRET}x", SECRET)
    assert not authorised(None, SECRET)


def test_the_published_default_secret_is_refused_outside_development(monkeypatch):
    for name in ("ACTION_SECRET", "RIC_DEVELOPMENT"):
        monkeypatch.delenv(name, raising=False)
    result = CliRunner().invoke(main, ["actions"])
    assert result.exit_code == 1
    assert "ACTION_SECRET is the published default" in result.output
    assert "Traceback" not in result.output
