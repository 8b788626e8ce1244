"""`ric privacy purge|export|erase`: retention, AVG inzage and erasure from the command line.

Every export and erasure is written to the audit log as ``cli:<user>``; the daily run of
the retention job inside `ric run` is `start_daily_purge`. See docs/privacy.md.
"""

from __future__ import annotations

import getpass
import logging
import threading
from collections.abc import Callable
from pathlib import Path

import click

logger = logging.getLogger(__name__)
DAY_SECONDS = 24 * 60 * 60


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"[:64]
    except (KeyError, OSError):
        return "cli"


def run_purge(settings, *, dry_run: bool) -> list[str]:  # noqa: ANN001
    """Applies the retention rules once; returns the lines that say what went."""
    from ric.privacy.retention import RetentionRules, purge, purge_audio
    from ric.store import staff
    from ric.store.db import make_engine, make_sessionmaker, session_scope

    rules = RetentionRules.from_settings(settings)
    engine = make_engine(settings.database_url)
    try:
        with session_scope(make_sessionmaker(engine)) as db:
            report = purge(db, rules, dry_run=dry_run)
            report.audio_files = purge_audio(
                settings.var_dir / "audio", rules.audio_seconds, dry_run=dry_run
            )
            if not dry_run:
                staff.audit(
                    db,
                    "retention",
                    "purge",
                    f"{len(report.erased_detainees)} records, {report.events} events, "
                    f"{report.unanswered + report.feedback} queue entries, "
                    f"{report.audio_files} audio",
                )
            if dry_run:
                db.rollback()
    finally:
        engine.dispose()
    lines = report.lines()
    if report.erased_detainees:
        lines.append("  records: " + ", ".join(report.erased_detainees))
    return lines


@click.group("privacy")
def privacy_group() -> None:
    """Retention, AVG inzage and erasure (docs/privacy.md)."""


@privacy_group.command("purge")
@click.option("--dry-run", is_flag=True, help="Only say what would be removed.")
def purge_command(dry_run: bool) -> None:
    """Remove conversations, queue entries, audio and records past their retention."""
    from ric.cli import load_settings

    for line in run_purge(load_settings(), dry_run=dry_run):
        click.echo(line)


@privacy_group.command("export")
@click.argument("reg_number")
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    default=None,
    help="Write the JSON to this file instead of the screen.",
)
def export_command(reg_number: str, output: Path | None) -> None:
    """Everything stored about one detainee as JSON (AVG inzage; audited)."""
    from ric.cli import load_settings
    from ric.privacy import inzage
    from ric.store import staff
    from ric.store.db import make_engine, make_sessionmaker, session_scope
    from ric.store.errors import DetaineeNotFound

    engine = make_engine(load_settings().database_url)
    try:
        with session_scope(make_sessionmaker(engine)) as db:
            try:
                data = inzage.export(db, reg_number)
            except DetaineeNotFound as error:
                raise click.ClickException(f"No detainee {reg_number}.") from error
            staff.audit(db, _actor(), "inzage_json", data.reg_number)
    finally:
        engine.dispose()
    if output is None:
        click.echo(data.as_json())
    else:
        output.write_text(data.as_json() + "\n", encoding="utf-8")
        click.echo(f"Wrote {output}")


@privacy_group.command("erase")
@click.argument("reg_number")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
def erase_command(reg_number: str, yes: bool) -> None:
    """Erase everything about one detainee; only anonymous counts stay (audited)."""
    from ric.cli import load_settings
    from ric.privacy import inzage
    from ric.store import staff
    from ric.store.db import make_engine, make_sessionmaker, session_scope
    from ric.store.errors import DetaineeNotFound

    if not yes:
        click.confirm(f"Erase everything about {reg_number}? This cannot be undone", abort=True)
    engine = make_engine(load_settings().database_url)
    try:
        with session_scope(make_sessionmaker(engine)) as db:
            try:
                removed = inzage.erase(db, reg_number)
            except DetaineeNotFound as error:
                raise click.ClickException(f"No detainee {reg_number}.") from error
            staff.audit(
                db, _actor(), "erase_detainee", f"{reg_number} ({sum(removed.values())} rows)"
            )
    finally:
        engine.dispose()
    for table, count in sorted(removed.items()):
        if count:
            click.echo(f"removed {count} row(s) from {table}")
    click.echo(f"Erased {reg_number}.")


def start_daily_purge(
    settings,  # noqa: ANN001
    echo: Callable[[str], None],
    *,
    interval: float = DAY_SECONDS,
) -> threading.Event:
    """Runs the retention job now and then every interval in a daemon thread (`ric run`).

    Returns the event that stops it. A failing run is logged and tried again next time.
    """
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            try:
                for line in run_purge(settings, dry_run=False):
                    echo(f"    privacy purge: {line}")
            except Exception:  # noqa: BLE001 - keep the daily job alive; the next run retries
                logger.exception("The retention job failed")
            stop.wait(interval)

    threading.Thread(target=loop, name="privacy-purge", daemon=True).start()
    return stop
