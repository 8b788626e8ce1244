"""The real stack (`ric run`: Rasa, action server, portal) on free ports, and Chromium.

Chromium is Debian's (/usr/bin/chromium) driven by Playwright from PyPI; axe-core is
served from a local npm install (scripts/browser-deps.sh, run by `make test`).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from ric.settings import ROOT

CHROMIUM = "/usr/bin/chromium"
AXE = ROOT / "var" / "node" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "var" / "screenshots"
IDLE_SECONDS = 30
WARN_SECONDS = 10


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def stack(tmp_path_factory, trained_model):
    """`ric run` on a fresh SQLite store; yields the portal URL; Ctrl-C (SIGINT) after."""
    folder = tmp_path_factory.mktemp("stack")
    knowledge = folder / "knowledge"  # editors change a copy, never the repository's files
    shutil.copytree(ROOT / "knowledge", knowledge)
    ports = {name: _free_port() for name in ("RASA_PORT", "ACTION_PORT", "PORTAL_PORT")}
    env = dict(
        os.environ,
        RIC_VAR_DIR=str(folder),
        RIC_KNOWLEDGE_DIR=str(knowledge),
        RIC_MODELS_DIR=str(trained_model.parent),
        RIC_IDLE_SECONDS=str(IDLE_SECONDS),
        RIC_IDLE_WARNING_SECONDS=str(WARN_SECONDS),
        RASA_TELEMETRY_ENABLED="false",
        **{k: str(v) for k, v in ports.items()},
    )
    env.pop("DATABASE_URL", None)
    log = (folder / "run.log").open("wb")
    process = subprocess.Popen(
        [str(Path(sys.executable).with_name("ric")), "run"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{ports['PORTAL_PORT']}"
    deadline = time.monotonic() + 400
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError((folder / "run.log").read_text()[-4000:])
        if b"is running" in (folder / "run.log").read_bytes():
            break
        time.sleep(1)
    else:
        raise RuntimeError("ric run did not start:\n" + (folder / "run.log").read_text()[-4000:])
    urllib.request.urlopen(url + "/", timeout=10).read()
    yield url
    os.killpg(process.pid, signal.SIGINT)
    process.wait(60)


@pytest.fixture(scope="module")
def browser():
    """Chromium for one test module. Playwright's sync API runs an event loop of its own in
    this thread while it is open, so it is closed after each module, and the browser tests
    run last (tests/conftest.py), after every asyncio test."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: run scripts/browser-deps.sh"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--autoplay-policy=no-user-gesture-required",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    # bypass_csp lets the test's own wait_for_function run; the page's CSP is tested elsewhere.
    context = browser.new_context(
        viewport={"width": 1280, "height": 1024}, locale="nl-NL", bypass_csp=True
    )
    page = context.new_page()
    yield page
    context.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def sign_in(page, url: str, reg: str, pin: str) -> None:
    page.goto(url + "/")
    page.fill("input[name=reg_number]", reg)
    page.fill("input[name=pin]", pin)
    page.click("button[type=submit]")
    page.wait_for_selector("#messages .choice", timeout=60_000)
