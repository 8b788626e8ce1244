"""PINs and passwords: argon2 hashes, and a lockout after repeated failures."""

from __future__ import annotations

import datetime as dt

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from ric.store.models import utcnow

MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=15)
_hasher = PasswordHasher()


class AccountLocked(Exception):
    """Too many failed attempts; try again after `until`."""

    def __init__(self, until: dt.datetime) -> None:
        super().__init__(until.isoformat())
        self.until = until


def hash_secret(secret: str) -> str:
    """An argon2 hash of a PIN or password."""
    return _hasher.hash(secret)


def check_secret(account, secret: str, *, now: dt.datetime | None = None) -> bool:  # noqa: ANN001
    """Verifies a secret against an account with pin_hash/password_hash, counting failures.

    Raises AccountLocked while locked; five failures lock the account for 15 minutes.
    """
    now = now or utcnow()
    if account.locked_until is not None and account.locked_until > now:
        raise AccountLocked(account.locked_until)
    stored = getattr(account, "pin_hash", None) or getattr(account, "password_hash", None)
    ok = False
    if stored:
        try:
            ok = _hasher.verify(stored, secret)
        except (VerificationError, InvalidHashError):
            ok = False
    if ok:
        account.failed_logins = 0
        account.locked_until = None
        return True
    account.failed_logins = (account.failed_logins or 0) + 1
    if account.failed_logins >= MAX_FAILURES:
        account.failed_logins = 0
        account.locked_until = now + LOCKOUT
    return False
