"""The portal's signature on a message to Rasa: HMAC-SHA256 over timestamp, sender and body.

Both sides import this module: the portal's gateway signs every message, the Rasa
channel :mod:`ric.rasa_channel` checks it. It imports neither Rasa nor aiohttp.
"""

from __future__ import annotations

import hashlib
import hmac
import time

TIMESTAMP_HEADER = "X-RIC-Timestamp"
SENDER_HEADER = "X-RIC-Sender"
SIGNATURE_HEADER = "X-RIC-Signature"


def signature(secret: str, timestamp: str, sender: str, body: bytes) -> str:
    """The hex HMAC-SHA256 of ``timestamp \\n sender \\n body`` with the shared secret."""
    message = timestamp.encode() + b"\n" + sender.encode("utf-8", "surrogatepass") + b"\n" + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def sign(secret: str, sender: str, body: bytes, now: float | None = None) -> dict[str, str]:
    """The headers that carry the signature of one message."""
    timestamp = str(int(time.time() if now is None else now))
    return {
        TIMESTAMP_HEADER: timestamp,
        SENDER_HEADER: sender,
        SIGNATURE_HEADER: signature(secret, timestamp, sender, body),
    }


def verify(
    secret: str,
    headers: dict[str, str],
    body: bytes,
    *,
    window: float,
    now: float | None = None,
) -> str | None:
    """Why the signed headers are refused (a short reason for the log), or None when valid.

    Valid means: all three headers are there, the timestamp is no further than ``window``
    seconds from now (either way), and the signature matches (compared in constant time).
    """
    timestamp = headers.get(TIMESTAMP_HEADER) or ""
    sender = headers.get(SENDER_HEADER)
    given = headers.get(SIGNATURE_HEADER) or ""
    if not timestamp or sender is None or not given:
        return "signature headers missing"
    if not timestamp.isascii() or not timestamp.isdigit() or len(timestamp) > 12:
        return "timestamp is not a number"
    current = time.time() if now is None else now
    if abs(current - int(timestamp)) > window:
        return "timestamp outside the window"
    expected = signature(secret, timestamp, sender, body)
    if not hmac.compare_digest(expected, given.strip().lower()):
        return "signature does not match"
    return None
