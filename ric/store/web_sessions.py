"""Portal sessions kept on the server: one row per session, found by the cookie's random id.

The cookie holds only a random id; the table keeps its SHA-256, so a copy of the table
opens no session. A session ends when it passed its absolute expiry, when it was idle
longer than its kind allows (kiosk sessions after RIC_IDLE_SECONDS, staff sessions after
RIC_STAFF_IDLE_SECONDS), at sign-out, or when its staff account is disabled. Every
function takes the moment ``now`` so tests can age a session without waiting.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import secrets
from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ric.store.models import StaffAccount, WebSession

MAX_DATA = 4096  # a session holds a few short values; anything larger is refused


def new_id() -> str:
    """A new random session id for the cookie (256 bits)."""
    return secrets.token_urlsafe(32)


def _key(session_id: str) -> str:
    return hashlib.sha256(session_id.encode("utf-8", "replace")).hexdigest()


@dataclasses.dataclass(frozen=True)
class Limits:
    """How long sessions live: idle seconds per kind, and the absolute life."""

    idle: Mapping[str, int]
    lifetime: int
    # kinds whose expiry moves on with each request: an anonymous session grants nothing,
    # and a kiosk's sign-in page (which reloads itself) must keep a valid CSRF token
    sliding: tuple[str, ...] = ("anonymous",)

    def idle_for(self, kind: str) -> int:
        return self.idle.get(kind, self.lifetime)


def load(
    db: Session, session_id: str | None, *, now: dt.datetime, limits: Limits
) -> dict[str, Any] | None:
    """The data of a live session (and marks it seen now); None for an unknown or ended one.

    An ended session (past its expiry or idle too long) is deleted on the way.
    """
    if not session_id or len(session_id) > 128:
        return None
    row = db.get(WebSession, _key(session_id))
    if row is None:
        return None
    idle = dt.timedelta(seconds=limits.idle_for(row.kind))
    if row.expires_at <= now or row.last_seen + idle <= now:
        db.delete(row)
        db.flush()
        return None
    try:
        data = json.loads(row.data)
    except ValueError:
        data = None
    if not isinstance(data, dict):
        db.delete(row)
        db.flush()
        return None
    row.last_seen = now
    if row.kind in limits.sliding:
        row.expires_at = now + dt.timedelta(seconds=limits.lifetime)
    db.flush()
    return data


def save(
    db: Session, session_id: str, data: Mapping[str, Any], *, now: dt.datetime, lifetime: int
) -> None:
    """Stores the data of a session; a new session gets its absolute expiry from now."""
    encoded = json.dumps(dict(data), separators=(",", ":"), sort_keys=True)
    if len(encoded) > MAX_DATA:
        raise ValueError("session data too large")
    row = db.get(WebSession, _key(session_id))
    if row is None:
        row = WebSession(
            id=_key(session_id),
            created_at=now,
            expires_at=now + dt.timedelta(seconds=lifetime),
        )
        db.add(row)
    row.kind = str(data.get("kind") or "anonymous")[:16]
    row.sub = (str(data["sub"])[:64]) if data.get("sub") else None
    row.role = (str(data["role"])[:8]) if data.get("role") else None
    row.data = encoded
    row.last_seen = now
    db.flush()


def delete_session(db: Session, session_id: str | None) -> None:
    """Ends one session (sign-out): the old cookie no longer opens anything."""
    if session_id:
        db.execute(delete(WebSession).where(WebSession.id == _key(session_id)))
        db.flush()


def end_sessions_of(db: Session, kind: str, sub: str) -> int:
    """Ends every session of one account (e.g. a disabled staff account); how many ended."""
    result = db.execute(delete(WebSession).where(WebSession.kind == kind, WebSession.sub == sub))
    db.flush()
    return result.rowcount or 0


def purge(db: Session, *, now: dt.datetime, limits: Limits) -> int:
    """Deletes every ended session; how many were deleted."""
    removed = db.execute(delete(WebSession).where(WebSession.expires_at <= now)).rowcount or 0
    for kind, seconds in limits.idle.items():
        removed += (
            db.execute(
                delete(WebSession).where(
                    WebSession.kind == kind,
                    WebSession.last_seen <= now - dt.timedelta(seconds=seconds),
                )
            ).rowcount
            or 0
        )
    db.flush()
    return removed


def staff_standing(db: Session, username: str) -> tuple[str, str | None] | None:
    """The current role and PI of an active staff account; None when disabled or gone."""
    row = db.execute(
        select(StaffAccount.role, StaffAccount.pi, StaffAccount.active).where(
            StaffAccount.username == username
        )
    ).first()
    if row is None or not row.active:
        return None
    return row.role, row.pi
