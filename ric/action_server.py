"""The action server (`ric actions`): rasa_sdk's Sanic app, only for callers with the secret.

rasa_sdk's own runner listens on every interface and runs actions for anyone. This one
binds to ``ACTION_HOST`` (127.0.0.1 by default) and refuses, with 401 and before any
action runs, every request to ``/webhook`` and ``/actions`` that does not carry
``Authorization: Bearer <ACTION_SECRET>`` (Rasa sends it: see ``headers`` of the
action endpoint in var/endpoints.yml). ``/health`` stays open for readiness checks.
"""

from __future__ import annotations

import hmac
import logging

from rasa_sdk.endpoint import create_app as create_sdk_app
from sanic import Sanic, response
from sanic.request import Request
from sanic.response import HTTPResponse

from ric.settings import Settings, require_service_secret

logger = logging.getLogger(__name__)

ACTIONS_PACKAGE = "bot.actions"
OPEN_PATHS = frozenset({"/health"})


def authorised(header: str | None, secret: str) -> bool:
    """Whether an Authorization header carries the shared secret (constant-time compare)."""
    scheme, _, given = (header or "").partition(" ")
    if scheme.lower() != "bearer" or not given:
        return False
    return hmac.compare_digest(given.strip().encode(), secret.encode())


def create_app(settings: Settings, package: str = ACTIONS_PACKAGE) -> Sanic:
    """rasa_sdk's app with a request hook that checks the shared secret."""
    require_service_secret(settings, "ACTION_SECRET")
    app = create_sdk_app(package, cors_origins=None)
    secret = settings.action_secret

    @app.on_request
    async def require_secret(request: Request) -> HTTPResponse | None:
        if request.path in OPEN_PATHS:
            return None
        if not authorised(request.headers.get("Authorization"), secret):
            logger.warning(
                "Action server refused %s %s: no valid secret", request.method, request.path
            )
            return response.json({"error": "unauthorised"}, status=401)
        return None

    return app


def run(settings: Settings) -> None:
    """Serves the actions on ACTION_HOST:ACTION_PORT in this process until stopped."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    app = create_app(settings)
    logger.info("Action server on http://%s:%s", settings.action_host, settings.action_port)
    app.run(
        host=settings.action_host,
        port=settings.action_port,
        workers=1,
        access_log=False,
        motd=False,
    )
