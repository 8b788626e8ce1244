"""Who is signed in: server-side sessions, the CSRF middleware, sign-in and sign-out.

Every request (but /static/) passes `guard`, after aiohttp-session's middleware:

* it loads the session from the case store (a fresh anonymous one with its own CSRF
  token when the cookie is missing, unknown, forged or ended);
* a staff session is checked against the account table on every request: a disabled
  or removed account is signed out at once, a changed role applies at once; a detainee
  session whose record is gone is signed out too;
* every unsafe method (POST, PUT, PATCH, DELETE) must carry the session's CSRF token,
  in the ``X-CSRF-Token`` header or the ``csrf`` form field. Nothing is exempt: the
  sign-in forms carry the token of the anonymous session that showed them.

Handlers read the session with `current(request)`; `sign_in` gives a new session id
(no session fixation), `sign_out` deletes the server row so the old cookie opens nothing.
"""

from __future__ import annotations

import asyncio
import hmac
import json
from collections.abc import MutableMapping
from typing import Any

from aiohttp import web
from aiohttp_session import get_session, new_session

from ric.portal import cookies
from ric.portal.keys import CATALOGS, SESSIONS, SETTINGS
from ric.portal.validation import BAD_REQUEST, MALFORMED_BODY, N_, InvalidInput
from ric.store import queries, web_sessions
from ric.store.db import read_scope, session_scope
from ric.store.errors import DetaineeNotFound

SESSION_KEY = "ric.session"
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSRF_HEADER = "X-CSRF-Token"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
EXPIRED_FORM = N_("Dit formulier is verlopen. Laad de pagina opnieuw en probeer het nog een keer.")


def _anonymous(request: web.Request, lang: str | None = None) -> dict[str, Any]:
    return {
        "kind": "anonymous",
        "csrf": cookies.new_token(),
        "lang": lang or request.app[SETTINGS].default_language,
    }


def _replace(session: MutableMapping[str, Any], payload: dict[str, Any]) -> None:
    session.clear()
    session.update(payload)


async def _standing(
    request: web.Request, session: MutableMapping[str, Any]
) -> tuple[str, str | None] | None:
    """The current role and PI of a staff session (("", None) for a detainee whose kiosk
    access goes on); None when the session must end."""
    factory = request.app[SESSIONS]
    kind, sub = session.get("kind"), str(session.get("sub") or "")

    def check() -> tuple[str, str | None] | None:
        with read_scope(factory) as db:
            if kind == "staff":
                return web_sessions.staff_standing(db, sub)
            try:
                detainee = queries.get_detainee(db, sub)
            except DetaineeNotFound:
                return None
            return None if detainee.access_ended_at is not None else ("", None)

    return await asyncio.to_thread(check)


def forbidden(request: web.Request, msgid: str) -> web.HTTPForbidden:
    """A 403 with a clear sentence, in Dutch on staff pages, else in the session language."""
    lang = "nl" if request.path.startswith("/staff") else None
    session = request.get(SESSION_KEY) or {}
    lang = lang or session.get("lang") or request.app[SETTINGS].default_language
    text = request.app[CATALOGS].gettext(lang, msgid)
    if request.path.startswith("/api/"):
        return web.HTTPForbidden(
            text=json.dumps({"error": text}, ensure_ascii=False), content_type="application/json"
        )
    return web.HTTPForbidden(text=text)


async def _submitted_token(request: web.Request) -> str | None:
    token = request.headers.get(CSRF_HEADER)
    if token:
        return token
    if request.content_type in FORM_TYPES:
        try:
            form = await request.post()
        except web.HTTPException:
            raise
        except MALFORMED_BODY:
            raise InvalidInput(BAD_REQUEST) from None
        value = form.get("csrf")
        return value if isinstance(value, str) else None
    return None


@web.middleware
async def guard(request: web.Request, handler) -> web.StreamResponse:  # noqa: ANN001
    """Loads and checks the server-side session, and refuses unsafe requests without CSRF."""
    if request.path.startswith("/static/"):
        return await handler(request)
    session = await get_session(request)
    if session.get("kind") in ("staff", "detainee"):
        standing = await _standing(request, session)
        if standing is None:
            await sign_out(request)
            session = request[SESSION_KEY]
        elif session.get("kind") == "staff":
            role, pi = standing
            if session.get("role") != role:
                session["role"] = role
            if session.get("pi") != pi:
                session["pi"] = pi
    if "csrf" not in session or "kind" not in session:
        _replace(session, _anonymous(request))
    request[SESSION_KEY] = session
    if request.method in UNSAFE and request.path.startswith("/api/"):
        if session.get("kind") != "detainee":  # signed out (or ended): the script leaves
            raise web.HTTPUnauthorized(
                text='{"error": "signed out"}', content_type="application/json"
            )
    if request.method in UNSAFE:
        submitted = await _submitted_token(request)
        expected = str(session.get("csrf", ""))
        given = (submitted or "").encode("utf-8", "surrogatepass")  # non-ASCII str: TypeError
        if not given or not expected or not hmac.compare_digest(given, expected.encode()):
            raise forbidden(request, EXPIRED_FORM)
    return await handler(request)


def current(request: web.Request) -> MutableMapping[str, Any]:
    """The session of the request (loaded by `guard`)."""
    return request[SESSION_KEY]


def save(request: web.Request, response: web.StreamResponse, payload: dict[str, Any]) -> None:
    """Replaces the session's data (same id); stored on the server when the answer goes out."""
    session = current(request)
    payload = {k: v for k, v in payload.items() if k not in ("fresh", "exp")}
    if dict(session) != payload:
        _replace(session, payload)


async def sign_in(request: web.Request, payload: dict[str, Any]) -> None:
    """Ends the anonymous session and starts a new one, with a new id, for this person."""
    old = request.get(SESSION_KEY)
    factory = request.app[SESSIONS]
    if old is not None and old.identity:

        def remove() -> None:
            with session_scope(factory) as db:
                web_sessions.delete_session(db, old.identity)

        await asyncio.to_thread(remove)
    session = await new_session(request)
    session.update({**payload, "csrf": payload.get("csrf") or cookies.new_token()})
    request[SESSION_KEY] = session


async def sign_out(request: web.Request) -> None:
    """Deletes the session on the server; the next answer starts a new anonymous one."""
    old = await get_session(request)
    lang = old.get("lang")
    factory = request.app[SESSIONS]
    if old.identity:
        identity = old.identity

        def remove() -> None:
            with session_scope(factory) as db:
                web_sessions.delete_session(db, identity)

        await asyncio.to_thread(remove)
    session = await new_session(request)
    session.update(_anonymous(request, lang))
    request[SESSION_KEY] = session


def clear(response: web.StreamResponse) -> None:
    """Kept for callers that only want the cookie gone; `sign_out` also ends the session."""
    response.del_cookie(cookies.COOKIE, path="/")


def check_csrf(request: web.Request, submitted: str | None) -> None:
    """Refuses a request without the session's CSRF token (`guard` already does this for
    every unsafe method; kept for callers that check a token themselves)."""
    token = str(current(request).get("csrf", ""))
    given = str(submitted or "").encode("utf-8", "surrogatepass")  # bytes: any text compares
    if not given or not token or not hmac.compare_digest(given, token.encode()):
        raise forbidden(request, EXPIRED_FORM)


def detainee_of(request: web.Request) -> str:
    """The registration number of the signed-in detainee; 401 for anyone else."""
    session = current(request)
    if session.get("kind") != "detainee":
        raise web.HTTPUnauthorized(text='{"error": "signed out"}', content_type="application/json")
    return session["sub"]
