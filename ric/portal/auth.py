"""Who is signed in: the signed session cookie, CSRF checks, and role guards."""

from __future__ import annotations

import hmac
from typing import Any

from aiohttp import web

from ric.portal import cookies
from ric.portal.keys import SETTINGS

SESSION_KEY = "ric.session"


def current(request: web.Request) -> dict[str, Any]:
    """The session of the request: a verified cookie, or a fresh anonymous one."""
    if SESSION_KEY not in request:
        settings = request.app[SETTINGS]
        payload = cookies.verify(request.cookies.get(cookies.COOKIE), settings.portal_secret)
        if payload is None:
            payload = {
                "kind": "anonymous",
                "csrf": cookies.new_token(),
                "lang": settings.default_language,
                "fresh": True,
            }
        request[SESSION_KEY] = payload
    return request[SESSION_KEY]


def save(request: web.Request, response: web.StreamResponse, payload: dict[str, Any]) -> None:
    """Writes the session cookie: HttpOnly, SameSite=Strict, signed, with an expiry."""
    settings = request.app[SETTINGS]
    payload = {k: v for k, v in payload.items() if k not in ("fresh", "exp")}
    max_age = settings.portal_session_seconds
    response.set_cookie(
        cookies.COOKIE,
        cookies.sign(payload, settings.portal_secret, max_age),
        max_age=max_age,
        httponly=True,
        samesite="Strict",
        path="/",
        secure=settings.portal_secure_cookies,
    )
    request[SESSION_KEY] = payload


def clear(response: web.StreamResponse) -> None:
    response.del_cookie(cookies.COOKIE, path="/")


def check_csrf(request: web.Request, submitted: str | None) -> None:
    """Refuses a state-changing request without the session's CSRF token."""
    token = current(request).get("csrf", "")
    if not submitted or not hmac.compare_digest(str(submitted), token):
        raise web.HTTPForbidden(text="The form has expired. Reload the page and try again.")


def detainee_of(request: web.Request) -> str:
    """The registration number of the signed-in detainee; 401 for anyone else."""
    session = current(request)
    if session.get("kind") != "detainee":
        raise web.HTTPUnauthorized(text='{"error": "signed out"}', content_type="application/json")
    return session["sub"]
