"""Synthetic personal numbers that pass the real checks, and Rasa's real SQL tracker store.

The numbers are generated (seeded), never taken from real people: BSNs pass the
11-proof of ``stdnum.nl.bsn``, IBANs the ISO 7064 check of ``stdnum.iban``.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random

import pytest
from stdnum import iban
from stdnum.nl import bsn


def make_bsns(count: int, seed: int = 12) -> list[str]:
    """Nine-digit numbers that pass the 11-proof."""
    rng = random.Random(seed)
    found: list[str] = []
    while len(found) < count:
        digits = [rng.randint(1, 9)] + [rng.randint(0, 9) for _ in range(7)]
        check = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        number = "".join(map(str, digits)) + str(check)
        if check < 10 and bsn.is_valid(number) and number not in found:
            found.append(number)
    return found


def make_ibans(count: int, seed: int = 34) -> list[str]:
    """Dutch IBANs (NLkk BANK 0123456789) with the right check digits."""
    rng = random.Random(seed)
    found: list[str] = []
    while len(found) < count:
        bank = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4))
        account = "".join(str(rng.randint(0, 9)) for _ in range(10))
        bban = bank + account
        numeric = "".join(str(int(c, 36)) for c in bban + "NL00")
        number = f"NL{98 - int(numeric) % 97:02d}{bban}"
        if iban.is_valid(number) and number not in found:
            found.append(number)
    return found


def not_a_bsn(seed: int = 56) -> str:
    """Nine digits that fail the 11-proof."""
    rng = random.Random(seed)
    while True:
        number = str(rng.randint(100_000_000, 999_999_999))
        if not bsn.is_valid(number):
            return number


@pytest.fixture
def say_to_tracker(tracker_store):
    """Stores user messages of a sender at a moment, as Rasa's tracker store does."""
    from rasa.shared.core.events import UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    def say(sender: str, *texts: str, at: dt.datetime | None = None) -> None:
        moment = (at or dt.datetime.utcnow()).replace(tzinfo=dt.timezone.utc).timestamp()
        tracker = asyncio.run(tracker_store.retrieve(sender))
        before = list(tracker.events) if tracker else []
        events = before + [UserUttered(t, timestamp=moment) for t in texts]
        asyncio.run(tracker_store.save(DialogueStateTracker.from_events(sender, events)))

    return say
