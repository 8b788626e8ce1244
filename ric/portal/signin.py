"""One sign-in attempt, for the kiosk (registration number + PIN) and the staff pages.

Throttled per client address and per (account, address) pair (ric/store/credentials.py),
checked in equal time for known and unknown accounts (a dummy argon2 hash), and
audited: a good sign-in under the person's own name; a failure, a lockout or a refused
attempt under "anonymous", with a short keyed hash of what was typed and the client
address, never the typed text. The argon2 work runs in a worker thread.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from typing import Any

from aiohttp import web
from sqlalchemy.orm import Session

from ric.portal.keys import SESSIONS, SETTINGS
from ric.settings import Settings
from ric.store import credentials, staff
from ric.store.db import session_scope

ANONYMOUS = "anonymous"
# audit actions per kind of sign-in: success, failure, the failure that locks, refused
ACTIONS = {
    "detainee": ("kiosk_login", "kiosk_login_failed", "kiosk_lockout", "kiosk_login_refused"),
    "staff": ("login", "login_failed", "lockout", "login_refused"),
}


@dataclasses.dataclass(frozen=True)
class Account:
    """What a sign-in needs to know of an account: its name, hash and session values."""

    sub: str
    secret_hash: str | None
    values: dict[str, Any]


@dataclasses.dataclass(frozen=True)
class Outcome:
    """The result: the account's session values, or why not ("address", "account", None)."""

    values: dict[str, Any] | None = None
    refused: str | None = None

    @property
    def ok(self) -> bool:
        return self.values is not None


def throttle_of(settings: Settings) -> credentials.Throttle:
    """The sign-in limits from the settings."""
    return credentials.Throttle(
        window_seconds=settings.ric_login_window_seconds,
        max_per_account=settings.ric_login_max_failures,
        max_per_address=settings.ric_login_max_failures_per_address,
    )


def client_address(request: web.Request) -> str:
    """The address the request came from (the terminal or the staff workstation)."""
    return (request.remote or "unknown")[:64]


async def attempt(
    request: web.Request,
    *,
    kind: str,
    typed: str,
    secret: str,
    lookup: Callable[[Session, str], Account | None],
) -> Outcome:
    """Checks one sign-in; `lookup` finds the account (None when unknown or disabled)."""
    settings = request.app[SETTINGS]
    throttle = throttle_of(settings)
    address = client_address(request)
    key = credentials.account_key(settings.portal_secret, kind, typed)
    success, failed, lockout, refused_action = ACTIONS[kind]
    factory = request.app[SESSIONS]

    def work() -> Outcome:
        with session_scope(factory) as db:
            refused = credentials.refusal(db, throttle, kind=kind, account=key, address=address)
            if refused:
                target = f"account {key} from {address} ({refused} limit)"
                staff.audit(db, ANONYMOUS, refused_action, target)
                return Outcome(refused=refused)
            account = lookup(db, typed)
            ok = credentials.verify_secret(account.secret_hash if account else None, secret)
            if ok and account is not None:
                credentials.record_success(db, kind=kind, account=key, address=address)
                staff.audit(db, account.sub, success, f"from {address}")
                return Outcome(values=account.values)
            who = f"account {key}" if account is not None else f"unknown account {key}"
            staff.audit(db, ANONYMOUS, failed, f"{who} from {address}")
            if credentials.record_failure(db, throttle, kind=kind, account=key, address=address):
                staff.audit(db, ANONYMOUS, lockout, f"{who} from {address}")
            return Outcome()

    return await asyncio.to_thread(work)
