"""Synthetic demo data, so a fresh `make run` is usable at once. Nobody in it is real."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ric.clock import local_to_utc
from ric.store import booking, queries
from ric.store.credentials import hash_secret
from ric.store.errors import DetaineeNotFound, PartnerNotFound


@dataclass(frozen=True)
class DemoDetainee:
    reg_number: str
    display_name: str
    language: str
    release_in_days: int
    pin: str


DEMO_DETAINEES = (
    DemoDetainee("DEMO001", "Demo Sam", "nl", 45, "1234"),
    DemoDetainee("DEMO002", "Demo Yusuf", "ar", 90, "2345"),
    DemoDetainee("DEMO003", "Demo Elif", "tr", 30, "3456"),
    DemoDetainee("DEMO004", "Demo Marek", "pl", 120, "4567"),
    DemoDetainee("DEMO005", "Demo Chris", "en", 60, "5678"),
)


def seed_detainees(session: Session, pi: str, today: dt.date) -> list[DemoDetainee]:
    """Adds the demo detainees that are missing (synthetic, marked as such)."""
    added = []
    for demo in DEMO_DETAINEES:
        try:
            queries.get_detainee(session, demo.reg_number)
            continue
        except DetaineeNotFound:
            pass
        detainee = queries.create_detainee(
            session,
            demo.reg_number,
            pi=pi,
            language=demo.language,
            display_name=demo.display_name,
            expected_release=today + dt.timedelta(days=demo.release_in_days),
            synthetic=True,
        )
        detainee.pin_hash = hash_secret(demo.pin)
        added.append(demo)
    return added


# name, kind, conditions, weekdays (0 = Monday), local hour
DEMO_PARTNERS = (
    ("Gemeente (demo)", "gemeente", ["id", "housing", "income", "debts"], (0, 3), 10),
    ("Reclassering (demo)", "reclassering", ["housing", "income"], (1,), 14),
    ("Zorgaanbieder (demo)", "zorgaanbieder", ["care"], (2,), 10),
    ("Schuldhulp (demo)", "schuldhulp", ["debts"], (1, 4), 10),
    ("UWV (demo)", "uwv", ["income"], (2,), 14),
    ("Juridisch Loket (demo)", "juridisch_loket", ["id", "debts"], (3,), 14),
    ("Vrijwilligers (demo)", "vrijwilligers", ["housing", "income"], (4,), 14),
)


def seed_spreekuren(
    session: Session, pi: str, today: dt.date, timezone: str, days: int = 14
) -> int:
    """Adds the demo partners and, for those without future spreekuren, two weeks of them."""
    added = 0
    now = local_to_utc(dt.datetime.combine(today, dt.time()), timezone)
    for name, kind, conditions, weekdays, hour in DEMO_PARTNERS:
        try:
            partner = booking.get_partner(session, name)
        except PartnerNotFound:
            partner = booking.add_partner(session, name, kind, conditions, synthetic=True)
        if booking.next_session(session, now=now, kind=kind, pi=pi) is not None:
            continue
        for offset in range(1, days + 1):
            day = today + dt.timedelta(days=offset)
            if day.weekday() in weekdays:
                start = local_to_utc(dt.datetime.combine(day, dt.time(hour)), timezone)
                booking.add_session(
                    session,
                    partner,
                    pi=pi,
                    starts_at=start,
                    capacity=4,
                    duration_minutes=60,
                    room="RIC spreekkamer 1",
                    notes="Demo: synthetische gegevens",
                )
                added += 1
    return added


# username, role, display name, password (synthetic; printed by `make run`)
DEMO_STAFF = (
    ("staff", "staff", "Demo medewerker RIC", "demo-staff-2026"),
    ("editor", "editor", "Demo redacteur", "demo-editor-2026"),
    ("admin", "admin", "Demo beheerder", "demo-admin-2026"),
)


def seed_staff(session: Session, pi: str = "PI Demo") -> None:
    """Adds the demo staff accounts that are missing, one per role; RIC staff see one PI."""
    from ric.store import staff

    for username, role, name, password in DEMO_STAFF:
        try:
            staff.get_account(session, username)
        except staff.AccountNotFound:
            staff.create_account(
                session,
                username,
                role=role,
                password=password,
                display_name=name,
                pi=pi if role == "staff" else None,
            )
