"""Synthetic demo data, so a fresh `make run` is usable at once. Nobody in it is real."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from ric.store import queries
from ric.store.errors import DetaineeNotFound


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
        queries.create_detainee(
            session,
            demo.reg_number,
            pi=pi,
            language=demo.language,
            display_name=demo.display_name,
            expected_release=today + dt.timedelta(days=demo.release_in_days),
            synthetic=True,
        )
        added.append(demo)
    return added
