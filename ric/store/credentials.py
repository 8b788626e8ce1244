"""PINs and passwords: argon2 hashes, and sign-in throttling that cannot be used against people.

Throttling (used by the portal's sign-in forms) counts failed sign-ins in the table
``sign_in_failures``, within a window (RIC_LOGIN_WINDOW_SECONDS):

* per client address: after RIC_LOGIN_MAX_FAILURES_PER_ADDRESS failures on any accounts,
  that address may not try again until the window has passed; other addresses can;
* per (account, address) pair: after RIC_LOGIN_MAX_FAILURES failures on one account from
  one address, that account is locked *for that address only*. The detainee (or a staff
  member) can still sign in from another terminal, so nobody can lock out someone else
  by typing wrong PINs on their number.

The account is identified by a short keyed hash of what was typed (`account_key`), for
known and unknown accounts alike, so the lock does not tell whether an account exists
and no typed text is stored. Unknown accounts are checked against a dummy argon2 hash,
so both answers take the same time.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import hmac

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ric.store.models import SignInFailure, utcnow

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
    The portal does not use this per-account lock (anyone could lock anyone out with it):
    its sign-in forms use `refusal`/`record_failure` below, per address and per pair.
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


# --- equal-time verification ------------------------------------------------------------
_dummy: list[str] = []


def dummy_hash() -> str:
    """An argon2 hash no secret matches, made once on first use (not at import)."""
    if not _dummy:
        _dummy.append(_hasher.hash("dummy secret that no account has: " + "x" * 16))
    return _dummy[0]


def verify_secret(stored: str | None, secret: str) -> bool:
    """True when the secret matches the stored hash; an unknown account (None) is checked
    against a dummy hash, so the answer takes as long as for a known one."""
    try:
        ok = _hasher.verify(stored or dummy_hash(), secret)
    except (VerificationError, InvalidHashError):
        ok = False
    return ok and stored is not None


# --- throttling -------------------------------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Throttle:
    """The sign-in limits of the portal (from the settings)."""

    window_seconds: int = 900
    max_per_account: int = 5
    max_per_address: int = 20


def account_key(secret_key: str, kind: str, typed: str) -> str:
    """A short keyed hash of a typed registration number or username (never the text)."""
    message = f"{kind}:{typed.strip().lower()}".encode("utf-8", "replace")
    return hmac.new(secret_key.encode(), message, hashlib.sha256).hexdigest()[:16]


def _address(address: str | None) -> str:
    return (address or "unknown")[:64]


def _failures(db: Session, since: dt.datetime, *conditions) -> int:  # noqa: ANN002
    return db.scalar(
        select(func.count(SignInFailure.id)).where(SignInFailure.at > since, *conditions)
    )


def refusal(
    db: Session,
    throttle: Throttle,
    *,
    kind: str,
    account: str,
    address: str | None,
    now: dt.datetime | None = None,
) -> str | None:
    """Why this attempt may not even be checked: "address", "account", or None (go ahead)."""
    now = now or utcnow()
    since = now - dt.timedelta(seconds=throttle.window_seconds)
    address = _address(address)
    if _failures(db, since, SignInFailure.address == address) >= throttle.max_per_address:
        return "address"
    pair = (
        SignInFailure.kind == kind,
        SignInFailure.account == account,
        SignInFailure.address == address,
    )
    if _failures(db, since, *pair) >= throttle.max_per_account:
        return "account"
    return None


def record_failure(
    db: Session,
    throttle: Throttle,
    *,
    kind: str,
    account: str,
    address: str | None,
    now: dt.datetime | None = None,
) -> bool:
    """Counts one failed sign-in; True when this failure locks the account for this address."""
    now = now or utcnow()
    db.add(SignInFailure(kind=kind, account=account, address=_address(address), at=now))
    db.flush()
    return refusal(db, throttle, kind=kind, account=account, address=address, now=now) == "account"


def record_success(db: Session, *, kind: str, account: str, address: str | None) -> None:
    """A good sign-in forgets the failures of this account from this address."""
    db.execute(
        delete(SignInFailure).where(
            SignInFailure.kind == kind,
            SignInFailure.account == account,
            SignInFailure.address == _address(address),
        )
    )
    db.flush()


def purge_failures(db: Session, throttle: Throttle, *, now: dt.datetime | None = None) -> int:
    """Removes failures older than the window; how many."""
    since = (now or utcnow()) - dt.timedelta(seconds=throttle.window_seconds)
    result = db.execute(delete(SignInFailure).where(SignInFailure.at <= since))
    db.flush()
    return result.rowcount or 0
