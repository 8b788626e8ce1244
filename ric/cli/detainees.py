"""`ric detainee ...`: enrol detainees, import a CSV export, reset a PIN, end access at release."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import click

from ric.cli.spreekuren import store
from ric.store import enrolment, queries


def _pi(settings, pi: str | None) -> str:  # noqa: ANN001
    return (pi or settings.ric_default_pi).strip()


@click.group("detainee")
def detainee_group() -> None:
    """Enrol detainees for the kiosk, reset PINs, set release dates, end access."""


@detainee_group.command("add")
@click.argument("reg_number")
@click.option("--name", default="", help="Name as the detainee wants to be addressed.")
@click.option("--pi", default=None, help="PI of the detainee (default RIC_DEFAULT_PI).")
@click.option("--language", default="", help="Language code (default the first language).")
@click.option("--release", default="", help="Expected release date, YYYY-MM-DD.")
def add(reg_number: str, name: str, pi: str | None, language: str, release: str) -> None:
    """Enrol a detainee and print the new PIN (shown only this once)."""
    with store() as (session, settings):
        made = enrolment.enrol(
            session,
            reg_number,
            pi=_pi(settings, pi),
            languages=settings.languages,
            language=language,
            name=name,
            release=release,
        )
    click.echo(f"Enrolled {made.reg_number}. PIN (shown once, hand it over on paper): {made.pin}")


@detainee_group.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--pi", default=None, help="PI of every detainee in the file.")
@click.option("--skip-bad", is_flag=True, help="Import the good rows when some rows are bad.")
def import_file(csv_file: Path, pi: str | None, skip_bad: bool) -> None:
    """Enrol everyone in a CSV export (registration_number,name,release_date,language)."""
    try:
        text = csv_file.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise click.ClickException(f"{csv_file} is not UTF-8 text.") from error
    with store() as (session, settings):
        report = enrolment.import_csv(
            session, text, pi=_pi(settings, pi), languages=settings.languages, skip_bad=skip_bad
        )
    for line, error in report.errors:
        click.echo(f"line {line}: {error}", err=True)
    if report.errors and not skip_bad:
        raise click.ClickException(
            f"{len(report.errors)} bad row(s); nothing imported. Fix them, or use --skip-bad."
        )
    if report.errors:
        lines = ", ".join(str(line) for line in report.skipped_lines)
        click.echo(f"Skipped line(s) {lines}.")
    for made in report.enrolled:
        click.echo(f"{made.reg_number}\tPIN {made.pin}")
    click.echo(f"Imported {len(report.enrolled)} detainee(s). Print the PINs and hand them over.")


@detainee_group.command("reset-pin")
@click.argument("reg_number")
def reset_pin(reg_number: str) -> None:
    """Give a detainee a new PIN (the old one stops working); prints it once."""
    with store() as (session, _settings):
        detainee = queries.get_detainee(session, enrolment.clean_reg_number(reg_number))
        if detainee.access_ended_at is not None:
            raise click.ClickException(f"{detainee.reg_number}: kiosk access has ended.")
        made = enrolment.reset_pin(session, detainee)
    click.echo(f"New PIN for {made.reg_number} (shown once): {made.pin}")


@detainee_group.command("set-release")
@click.argument("reg_number")
@click.argument("release_date")
def set_release(reg_number: str, release_date: str) -> None:
    """Change the expected release date (YYYY-MM-DD; '-' clears it)."""
    with store() as (session, _settings):
        detainee = queries.get_detainee(session, enrolment.clean_reg_number(reg_number))
        value = None if release_date == "-" else release_date
        date = enrolment.set_release(session, detainee, value, today=dt.date.today())
    click.echo(f"{detainee.reg_number}: expected release {date.isoformat() if date else 'unknown'}")


@detainee_group.command("release")
@click.argument("reg_number")
def release(reg_number: str) -> None:
    """End kiosk access at release (the PIN stops working; data follows the retention rules)."""
    with store() as (session, _settings):
        detainee = queries.get_detainee(session, enrolment.clean_reg_number(reg_number))
        enrolment.end_access(session, detainee)
    click.echo(f"{detainee.reg_number}: kiosk access ended.")


@detainee_group.command("list")
@click.option("--pi", default=None, help="Only this PI (default RIC_DEFAULT_PI).")
def list_detainees(pi: str | None) -> None:
    """List enrolled detainees of a PI with release date and access."""
    with store() as (session, settings):
        rows = enrolment.detainees_of(session, _pi(settings, pi))
        for row in rows:
            access = "access" if enrolment.has_access(row) else "no access"
            release_text = row.expected_release.isoformat() if row.expected_release else "-"
            click.echo(f"{row.reg_number}\t{row.language}\t{release_text}\t{access}")
