"""The session cookie: a random id only; the session itself is kept in the case store.

`StoreSessionStorage` is an aiohttp-session storage backed by ``web_sessions``
(ric/store/web_sessions.py). Blocking SQL runs in a worker thread (asyncio.to_thread).
The cookie is HttpOnly, SameSite=Strict, Secure when PORTAL_SECURE_COOKIES is set.
"""

from __future__ import annotations

import asyncio
import secrets
import time

from aiohttp import web
from aiohttp_session import AbstractStorage, Session

from ric.portal.keys import SESSIONS, SETTINGS
from ric.settings import Settings
from ric.store import web_sessions
from ric.store.db import session_scope
from ric.store.models import utcnow

COOKIE = "ric_session"


def new_token() -> str:
    """A random token for CSRF protection."""
    return secrets.token_urlsafe(24)


def limits(settings: Settings) -> web_sessions.Limits:
    """Idle limits per kind of session and the absolute life, from the settings."""
    return web_sessions.Limits(
        idle={
            "detainee": settings.ric_idle_seconds,
            "staff": settings.ric_staff_idle_seconds,
            "anonymous": settings.portal_session_seconds,
        },
        lifetime=settings.portal_session_seconds,
    )


class StoreSessionStorage(AbstractStorage):
    """Sessions in the case store; the cookie carries a random id and nothing else."""

    def __init__(self, settings: Settings) -> None:
        super().__init__(
            cookie_name=COOKIE,
            max_age=settings.portal_session_seconds,
            path="/",
            secure=settings.portal_secure_cookies,
            httponly=True,
            samesite="Strict",
        )
        self._limits = limits(settings)

    async def load_session(self, request: web.Request) -> Session:
        session_id = self.load_cookie(request)
        if not session_id:
            return Session(None, data=None, new=True, max_age=self.max_age)
        factory = request.app[SESSIONS]

        def read() -> dict | None:
            with session_scope(factory) as db:
                return web_sessions.load(db, session_id, now=utcnow(), limits=self._limits)

        data = await asyncio.to_thread(read)
        if data is None:
            # Unknown, forged or ended: a fresh session with a new id (never the sent one).
            return Session(None, data=None, new=True, max_age=self.max_age)
        # The server decides expiry (web_sessions.load); "created" only satisfies Session.
        created = int(time.time())
        return Session(
            session_id, data={"created": created, "session": data}, new=False, max_age=self.max_age
        )

    async def save_session(
        self, request: web.Request, response: web.StreamResponse, session: Session
    ) -> None:
        factory = request.app[SESSIONS]
        lifetime = request.app[SETTINGS].portal_session_seconds
        if session.empty:
            old = session.identity

            def remove() -> None:
                with session_scope(factory) as db:
                    web_sessions.delete_session(db, old)

            await asyncio.to_thread(remove)
            self.save_cookie(response, "", max_age=session.max_age)
            return
        session_id = session.identity
        if session_id is None:
            session_id = web_sessions.new_id()
            session.set_new_identity(session_id)
        data = dict(session)

        def write() -> None:
            with session_scope(factory) as db:
                web_sessions.save(db, session_id, data, now=utcnow(), lifetime=lifetime)

        await asyncio.to_thread(write)
        self.save_cookie(response, session_id, max_age=session.max_age)
