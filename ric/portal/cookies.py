"""Signed session cookies: HMAC-SHA256 over a small JSON payload, with an expiry."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import time
from typing import Any

COOKIE = "ric_session"


def new_token() -> str:
    """A random token for CSRF protection."""
    return secrets.token_urlsafe(24)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def sign(payload: dict[str, Any], secret: str, max_age: int) -> str:
    """The cookie value for a payload, valid for max_age seconds."""
    body = dict(payload, exp=int(time.time()) + max_age)
    data = _b64(json.dumps(body, separators=(",", ":"), sort_keys=True).encode())
    mac = hmac.new(secret.encode(), data.encode(), hashlib.sha256).digest()
    return f"{data}.{_b64(mac)}"


def verify(value: str | None, secret: str) -> dict[str, Any] | None:
    """The payload of a valid, unexpired cookie; None for anything else."""
    if not value or "." not in value:
        return None
    data, _, mac = value.rpartition(".")
    expected = hmac.new(secret.encode(), data.encode(), hashlib.sha256).digest()
    try:
        if not hmac.compare_digest(expected, _unb64(mac)):
            return None
        payload = json.loads(_unb64(data))
    except (ValueError, TypeError):
        return None
    if not isinstance(payload, dict) or payload.get("exp", 0) < time.time():
        return None
    return payload
