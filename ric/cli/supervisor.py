"""Starts the assistant's processes together and stops them together (`ric run`)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from ric.settings import ROOT

STOP_GRACE_SECONDS = 10


@dataclass
class Service:
    """One child process and the URL that answers once it is ready."""

    name: str
    command: list[str]
    ready_url: str
    process: subprocess.Popen | None = None


def child_environment() -> dict[str, str]:
    """The environment of the children: ours, without telemetry, with the project on the path."""
    env = dict(os.environ)
    env.setdefault("RASA_TELEMETRY_ENABLED", "false")
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def bin_path(name: str) -> str:
    """A program installed in the same virtual environment as this Python."""
    return str(Path(sys.executable).with_name(name))


def start(service: Service, log_dir: Path) -> None:
    """Starts the service in its own process group, logging to var/logs/<name>.log."""
    log_dir.mkdir(parents=True, exist_ok=True)
    log = (log_dir / f"{service.name}.log").open("ab")
    service.process = subprocess.Popen(
        service.command,
        cwd=ROOT,
        env=child_environment(),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def wait_ready(services: list[Service], timeout: float) -> list[str]:
    """Waits until every service answers; returns the names of those that did not."""
    deadline = time.monotonic() + timeout
    pending = list(services)
    while pending and time.monotonic() < deadline:
        for service in list(pending):
            if service.process is not None and service.process.poll() is not None:
                return [service.name]
            try:
                with urllib.request.urlopen(service.ready_url, timeout=2):
                    pending.remove(service)
            except (urllib.error.URLError, OSError):
                pass
        time.sleep(1)
    return [service.name for service in pending]


def stop(services: list[Service]) -> None:
    """Asks every service to stop, and kills those still running after a grace period."""
    for service in services:
        if service.process is not None and service.process.poll() is None:
            try:
                os.killpg(service.process.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for service in services:
        if service.process is None:
            continue
        try:
            service.process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            try:
                os.killpg(service.process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            service.process.wait()


def supervise(services: list[Service]) -> int:
    """Runs until Ctrl-C (or a service dies), then stops everything; returns an exit code."""
    stopping = {"signal": None}

    def on_signal(signum, _frame):  # noqa: ANN001
        stopping["signal"] = signum

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    code = 0
    while stopping["signal"] is None:
        dead = [s for s in services if s.process is not None and s.process.poll() is not None]
        if dead:
            print(
                f"\n{dead[0].name} stopped unexpectedly; see var/logs/{dead[0].name}.log",
                file=sys.stderr,
            )
            code = 1
            break
        time.sleep(0.5)
    print("\nStopping ...", flush=True)
    stop(services)
    print("Stopped.", flush=True)
    return code
