"""The portal's way into Rasa: an input channel that only takes messages the portal signed.

Configured in Rasa's credentials file as ``ric.rasa_channel.SignedPortalInput`` (written
by :func:`ric.rasa_endpoints.write_credentials`); it listens on
``/webhooks/ric/webhook``. Every request carries the headers of :mod:`ric.signing`: a
timestamp, the sender and an HMAC-SHA256 over both and the body with
``RASA_CHANNEL_SECRET``. A request without them, with a wrong signature, a timestamp
outside ``RASA_CHANNEL_WINDOW_SECONDS`` or a signature already used (a replay) gets 401
and nothing reaches the assistant. The answer is the JSON list of Rasa's REST channel
(text, buttons, custom), so the portal's ``merge_messages`` reads both alike.
"""

from __future__ import annotations

import inspect
import json
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

from rasa.core.channels.channel import CollectingOutputChannel, InputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from ric import signing
from ric.settings import Settings, load, require_service_secret

logger = logging.getLogger(__name__)

CHANNEL_NAME = "ric"
CLASS_PATH = "ric.rasa_channel.SignedPortalInput"


class SeenSignatures:
    """Signatures accepted within the window, so the same signed request works only once."""

    def __init__(self, window: float) -> None:
        self.window = window
        self._seen: dict[str, float] = {}

    def first_use(self, signature: str, now: float) -> bool:
        """Remembers the signature; False when it was used before within the window."""
        for key, at in list(self._seen.items()):
            if now - at > 2 * self.window:
                del self._seen[key]
        if signature in self._seen:
            return False
        self._seen[signature] = now
        return True


def _refused(reason: str) -> HTTPResponse:
    logger.warning("Signed channel refused a request: %s", reason)
    return response.json({"error": "unauthorised"}, status=401)


class SignedPortalInput(InputChannel):
    """Rasa input channel for the RIC portal: HMAC-signed messages only."""

    def __init__(self, secret: str, window: float) -> None:
        self.secret = secret
        self.window = window
        self.seen = SeenSignatures(window)

    @classmethod
    def name(cls) -> str:
        return CHANNEL_NAME

    @classmethod
    def from_settings(cls, settings: Settings) -> SignedPortalInput:
        """The channel with the secret and window of these settings (default secret refused
        outside development)."""
        require_service_secret(settings, "RASA_CHANNEL_SECRET")
        return cls(settings.rasa_channel_secret, settings.rasa_channel_window_seconds)

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> SignedPortalInput:
        # The secret comes from the environment (the settings), never from the file.
        return cls.from_settings(load())

    def check(self, request: Request, now: float | None = None) -> str | None:
        """Why this request is refused, or None when it is signed, fresh and new."""
        now = time.time() if now is None else now
        headers = {
            name: request.headers.get(name)
            for name in (
                signing.TIMESTAMP_HEADER,
                signing.SENDER_HEADER,
                signing.SIGNATURE_HEADER,
            )
        }
        reason = signing.verify(self.secret, headers, request.body, window=self.window, now=now)
        if reason:
            return reason
        if not self.seen.first_use(headers[signing.SIGNATURE_HEADER].strip().lower(), now):
            return "signature used before (replay)"
        return None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        module = inspect.getmodule(self)
        hooks = Blueprint(f"ric_signed_{id(self)}", module.__name__ if module else None)

        @hooks.route("/", methods=["GET"])
        async def health(_request: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @hooks.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            reason = self.check(request)
            if reason:
                return _refused(reason)
            try:
                body = json.loads(request.body)
            except ValueError:
                return response.json({"error": "body is not JSON"}, status=400)
            if not isinstance(body, dict):
                return response.json({"error": "body is not an object"}, status=400)
            sender = body.get("sender")
            if sender != request.headers.get(signing.SENDER_HEADER):
                return _refused("sender in the body is not the signed sender")
            text = body.get("message")
            if not isinstance(text, str):
                return response.json({"error": "message must be text"}, status=400)
            metadata = body.get("metadata")
            collector = CollectingOutputChannel()
            try:
                await on_new_message(
                    UserMessage(
                        text,
                        collector,
                        sender,
                        input_channel=self.name(),
                        metadata=metadata if isinstance(metadata, dict) else None,
                    )
                )
            except Exception:
                logger.exception("The assistant failed on a message from %s", sender)
            return response.json(collector.messages)

        return hooks
