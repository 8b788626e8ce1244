"""Local time at the PI and the naive UTC the case store keeps, converted in one place."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo


def local_to_utc(moment: dt.datetime, timezone: str) -> dt.datetime:
    """A naive local time in the PI's time zone as naive UTC, as the store keeps time."""
    aware = moment.replace(tzinfo=ZoneInfo(timezone))
    return aware.astimezone(dt.timezone.utc).replace(tzinfo=None)


def utc_to_local(moment: dt.datetime, timezone: str) -> dt.datetime:
    """A naive UTC time from the store as an aware time in the PI's time zone."""
    return moment.replace(tzinfo=dt.timezone.utc).astimezone(ZoneInfo(timezone))


def local_day_start(day: dt.date, timezone: str) -> dt.datetime:
    """The naive UTC moment at which a local day begins."""
    return local_to_utc(dt.datetime.combine(day, dt.time()), timezone)
