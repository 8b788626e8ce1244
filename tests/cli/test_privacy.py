"""`ric privacy purge|export|erase` and the daily retention run inside `ric run`."""

import datetime as dt
import json
import secrets
import threading

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from ric import demo
from ric.cli import main
from ric.cli.privacy import start_daily_purge
from ric.store import queries
from ric.store.db import read_scope, session_scope
from ric.store.models import AuditEntry, Detainee, utcnow


@pytest.fixture
def released(sessions):
    """The demo detainees, and OLD001 released 400 days ago (past every retention)."""
    with session_scope(sessions) as db:
        demo.seed_detainees(db, "PI Demo", dt.date.today())
        queries.create_detainee(
            db, "OLD001", pi="PI Demo", expected_release=utcnow().date() - dt.timedelta(days=400)
        )


@pytest.fixture
def ric(settings, monkeypatch):
    """Runs `ric ...` on the test's store; returns the click result."""
    monkeypatch.setenv("RIC_VAR_DIR", str(settings.var_dir))
    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("PORTAL_SECRET", secrets.token_urlsafe(48))
    runner = CliRunner()

    def invoke(*args, input=None):  # noqa: A002
        return runner.invoke(main, list(args), input=input)

    return invoke


def _regs(sessions) -> set[str]:
    with read_scope(sessions) as db:
        return set(db.scalars(select(Detainee.reg_number)))


def _audit(sessions) -> list[tuple[str, str, str]]:
    with read_scope(sessions) as db:
        return [(e.actor, e.action, e.target) for e in db.scalars(select(AuditEntry))]


def test_purge_dry_run_says_what_would_go_and_keeps_it(ric, released, sessions):
    result = ric("privacy", "purge", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "would remove: 1 detainee record(s)" in result.output and "OLD001" in result.output
    assert "OLD001" in _regs(sessions)


def test_purge_removes_what_is_past_retention_prints_it_and_audits_it(ric, released, sessions):
    result = ric("privacy", "purge")
    assert result.exit_code == 0, result.output
    assert "removed: 1 detainee record(s)" in result.output
    assert "OLD001" not in _regs(sessions) and "DEMO001" in _regs(sessions)
    assert any(actor == "retention" and action == "purge" for actor, action, _ in _audit(sessions))


def test_export_prints_everything_about_one_detainee_as_json_and_audits_it(
    ric, released, sessions, tmp_path
):
    result = ric("privacy", "export", "DEMO001")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["detainee"]["display_name"] == "Demo Sam"
    target = tmp_path / "inzage.json"
    assert ric("privacy", "export", "DEMO001", "--output", str(target)).exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["reg_number"] == "DEMO001"
    exports = [e for e in _audit(sessions) if e[1] == "inzage_json"]
    assert len(exports) == 2 and all(a.startswith("cli") and t == "DEMO001" for a, _, t in exports)


def test_an_unknown_number_gets_one_clear_sentence(ric, released):
    for command in (("export", "NOBODY"), ("erase", "NOBODY", "--yes")):
        result = ric("privacy", *command)
        assert result.exit_code == 1
        assert "No detainee NOBODY." in result.output and "Traceback" not in result.output


def test_erase_asks_first_and_with_yes_removes_the_detainee_audited(ric, released, sessions):
    asked = ric("privacy", "erase", "DEMO001", input="n\n")
    assert asked.exit_code == 1 and "Aborted" in asked.output
    assert "DEMO001" in _regs(sessions)
    result = ric("privacy", "erase", "DEMO001", "--yes")
    assert result.exit_code == 0 and "Erased DEMO001." in result.output
    assert "DEMO001" not in _regs(sessions)
    assert any(a == "erase_detainee" and t.startswith("DEMO001 (") for _, a, t in _audit(sessions))


def test_the_daily_run_purges_at_once_in_the_background_and_stops_on_request(
    settings, released, sessions
):
    """`ric run` starts this: a first purge straight away, the next one a day later."""
    lines: list[str] = []
    done = threading.Event()

    def echo(line: str) -> None:
        lines.append(line)
        if "audio" in line:
            done.set()

    stop = start_daily_purge(settings, echo)
    try:
        assert done.wait(30), "the first run finished"
    finally:
        stop.set()
    assert any("removed: 1 detainee record(s)" in line for line in lines)
    assert "OLD001" not in _regs(sessions)
