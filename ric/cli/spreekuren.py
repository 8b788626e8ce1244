"""`ric partner ...` and `ric session ...`: staff manage partners and spreekuren."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from sqlalchemy import select
from sqlalchemy.orm import Session

from ric.clock import local_to_utc, utc_to_local
from ric.store import booking
from ric.store.db import make_engine, make_sessionmaker, session_scope
from ric.store.errors import StoreError
from ric.store.models import CONDITIONS, PARTNER_KINDS, ConsultationSession

TIME_FORMAT = "%Y-%m-%d %H:%M"
CSV_COLUMNS = ("partner", "start", "duration", "capacity", "room", "pi", "notes")


@contextmanager
def store() -> Iterator[tuple[Session, object]]:
    """A transaction on the case store; store errors become clear messages."""
    from ric.cli import load_settings

    settings = load_settings()
    engine = make_engine(settings.database_url)
    try:
        with session_scope(make_sessionmaker(engine)) as session:
            yield session, settings
    except StoreError as error:
        name = type(error).__name__
        raise click.ClickException(f"{name}: {error}") from error
    finally:
        engine.dispose()


def parse_local(value: str, timezone: str) -> dt.datetime:
    try:
        return local_to_utc(dt.datetime.strptime(value.strip(), TIME_FORMAT), timezone)
    except ValueError as error:
        raise click.BadParameter(f"{value!r}: use the form 2026-12-03 10:00") from error


def show_local(moment: dt.datetime, timezone: str) -> str:
    return utc_to_local(moment, timezone).strftime(TIME_FORMAT)


def _conditions(value: str) -> list[str]:
    items = [c.strip() for c in value.split(",") if c.strip()]
    unknown = [c for c in items if c not in CONDITIONS]
    if unknown:
        raise click.BadParameter(f"unknown condition(s) {unknown}; use {', '.join(CONDITIONS)}")
    return items


@click.group("partner")
def partner_group() -> None:
    """Network partners that hold spreekuren."""


@partner_group.command("add")
@click.argument("name")
@click.option("--kind", type=click.Choice(PARTNER_KINDS), required=True)
@click.option("--conditions", default="", help="Comma-separated: id,housing,income,debts,care")
def partner_add(name: str, kind: str, conditions: str) -> None:
    """Add a partner."""
    with store() as (session, _):
        partner = booking.add_partner(session, name, kind, _conditions(conditions))
        click.echo(f"Partner {partner.id}: {partner.name} ({partner.kind})")


@partner_group.command("list")
def partner_list() -> None:
    """List the partners."""
    with store() as (session, _):
        for partner in booking.list_partners(session, active_only=False):
            state = "active" if partner.active else "inactive"
            click.echo(
                f"{partner.id:>4}  {partner.name:<30} {partner.kind:<16} "
                f"{partner.conditions:<28} {state}"
            )


@partner_group.command("deactivate")
@click.argument("partner")
def partner_deactivate(partner: str) -> None:
    """Stop offering a partner's spreekuren (existing bookings stay)."""
    with store() as (session, _):
        found = booking.get_partner(session, partner)
        found.active = False
        click.echo(f"Partner {found.id} is inactive.")


@click.group("session")
def session_group() -> None:
    """Spreekuren: add, import, list, attendees, attendance, cancel."""


@session_group.command("add")
@click.option("--partner", required=True, help="Partner id or exact name.")
@click.option("--start", required=True, help="Local time, e.g. '2026-12-03 10:00'.")
@click.option("--capacity", type=click.IntRange(1, 500), required=True)
@click.option("--duration", type=click.IntRange(5, 600), default=60, show_default=True)
@click.option("--room", default="RIC", show_default=True)
@click.option("--pi", default=None, help="PI; default RIC_DEFAULT_PI.")
@click.option("--notes", default=None)
@click.option(
    "--weekly",
    type=click.IntRange(1, 52),
    default=1,
    show_default=True,
    help="Repeat every week this many times.",
)
def session_add(partner, start, capacity, duration, room, pi, notes, weekly) -> None:  # noqa: ANN001
    """Add a spreekuur, once or weekly."""
    with store() as (session, settings):
        found = booking.get_partner(session, partner)
        rows = booking.add_weekly_sessions(
            session,
            found,
            weeks=weekly,
            starts_at=parse_local(start, settings.ric_timezone),
            pi=pi or settings.ric_default_pi,
            capacity=capacity,
            duration_minutes=duration,
            room=room,
            notes=notes,
        )
        for row in rows:
            click.echo(
                f"Spreekuur {row.id}: {found.name} "
                f"{show_local(row.starts_at, settings.ric_timezone)}"
            )


@session_group.command("import")
@click.argument("csv_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
def session_import(csv_file: Path) -> None:
    """Import spreekuren from a CSV with columns partner,start,duration,capacity,room,pi,notes.

    All rows are checked first; nothing is imported when one is wrong.
    """
    with csv_file.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = {"partner", "start", "capacity"} - set(reader.fieldnames or ())
        if missing:
            raise click.ClickException(f"{csv_file.name}: missing column(s) {sorted(missing)}")
        rows = list(reader)
    with store() as (session, settings):
        problems, added = [], []
        for number, row in enumerate(rows, start=2):
            try:
                partner = booking.get_partner(session, row["partner"].strip())
                added.append(
                    booking.add_session(
                        session,
                        partner,
                        pi=(row.get("pi") or "").strip() or settings.ric_default_pi,
                        starts_at=parse_local(row["start"], settings.ric_timezone),
                        capacity=int(row["capacity"]),
                        duration_minutes=int(row.get("duration") or 60),
                        room=(row.get("room") or "").strip() or "RIC",
                        notes=(row.get("notes") or "").strip() or None,
                    )
                )
            except (StoreError, ValueError, click.BadParameter) as error:
                problems.append(f"line {number}: {type(error).__name__}: {error}")
        if problems:
            session.rollback()
            raise click.ClickException("Nothing imported:\n" + "\n".join(problems))
        click.echo(f"Imported {len(added)} spreekuren.")


@session_group.command("list")
@click.option("--days", type=int, default=14, show_default=True)
def session_list(days: int) -> None:
    """List the spreekuren of the coming days with places taken."""
    with store() as (session, settings):
        now = dt.datetime.utcnow()
        rows = session.scalars(
            select(ConsultationSession)
            .where(
                ConsultationSession.starts_at >= now,
                ConsultationSession.starts_at <= now + dt.timedelta(days=days),
            )
            .order_by(ConsultationSession.starts_at)
        ).all()
        for row in rows:
            state = (
                "CANCELLED"
                if row.cancelled_at
                else (f"{booking.taken_places(session, row.id)}/{row.capacity}")
            )
            click.echo(
                f"{row.id:>5}  {show_local(row.starts_at, settings.ric_timezone)}  "
                f"{row.partner.name:<28} {row.room:<20} {state}"
            )


@session_group.command("attendees")
@click.argument("session_id", type=int)
def session_attendees(session_id: int) -> None:
    """List who booked a spreekuur."""
    with store() as (session, settings):
        row = booking.get_session(session, session_id)
        click.echo(
            f"{row.partner.name}, {show_local(row.starts_at, settings.ric_timezone)}, {row.room}"
        )
        for placed in booking.attendees(session, session_id):
            name = placed.detainee.display_name or ""
            click.echo(
                f"{placed.id:>6}  {placed.detainee.reg_number:<12} {name:<24} {placed.status}"
            )


@session_group.command("mark")
@click.argument("booking_id", type=int)
@click.argument("status", type=click.Choice(["attended", "no_show"]))
@click.option("--by", default="staff", show_default=True)
def session_mark(booking_id: int, status: str, by: str) -> None:
    """Mark a booking attended or no-show."""
    with store() as (session, _):
        booking.mark_attendance(session, booking_id, status, by=by)
        click.echo(f"Booking {booking_id}: {status}")


@session_group.command("cancel")
@click.argument("session_id", type=int)
@click.option("--by", default="staff", show_default=True)
def session_cancel(session_id: int, by: str) -> None:
    """Cancel a spreekuur; booked detainees are told at their next chat."""
    with store() as (session, _):
        cancelled = booking.cancel_session(session, session_id, by=by)
        click.echo(f"Spreekuur {session_id} cancelled; {len(cancelled)} booking(s) cancelled.")
