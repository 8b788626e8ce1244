"""The portal application factory: `init_app(settings)`; resources live in cleanup_ctx."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import aiohttp_jinja2
import jinja2
from aiohttp import web
from aiohttp_session import session_middleware

from ric.content.repository import ContentRepository
from ric.portal import auth, editor, enrolment, glossary, help_queue, kiosk, privacy, staff
from ric.portal.cookies import StoreSessionStorage, limits
from ric.portal.gateway import RasaGateway
from ric.portal.keys import AUDIO_DIR, CATALOGS, CONTENT, GATEWAY, SESSIONS, SETTINGS
from ric.portal.signin import throttle_of
from ric.portal.speech import remove_old
from ric.portal.validation import N_, InvalidInput
from ric.replies.catalog import Catalogs
from ric.settings import Settings, require_portal_secret
from ric.store import credentials, web_sessions
from ric.store.db import make_engine, make_sessionmaker, session_scope
from ric.store.models import utcnow

logger = logging.getLogger(__name__)
HERE = Path(__file__).resolve().parent
SERVER_NAME = "RIC"  # the Server header: no product versions
SERVER_ERROR = N_("Er ging iets mis. Probeer het later opnieuw, of vraag een medewerker.")
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "media-src 'self'; connect-src 'self'; font-src 'self'; frame-ancestors 'none'; "
    "base-uri 'none'; form-action 'self'"
)


@web.middleware
async def security_headers(request: web.Request, handler) -> web.StreamResponse:  # noqa: ANN001
    """No caching of pages or answers, no framing, no remote content."""
    response = await handler(request)
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    if not request.path.startswith("/static/"):
        response.headers["Cache-Control"] = "no-store"
    return response


def error_response(request: web.Request, status: int, msgid: str) -> web.Response:
    """A plain page (or JSON under /api/) saying what went wrong, in the catalogs' words."""
    settings = request.app[SETTINGS]
    staff_page = request.path.startswith("/staff")
    lang = "nl" if staff_page else settings.default_language
    message = request.app[CATALOGS].gettext(lang, msgid)
    if request.path.startswith("/api/"):
        return web.json_response({"error": message}, status=status)
    response = aiohttp_jinja2.render_template(
        "error.html",
        request,
        {
            "_": lambda text: request.app[CATALOGS].gettext(lang, text),
            "lang": lang,
            "dir": "ltr",
            "user": None,
            "message": message,
            "home": "/staff" if staff_page else "/",
        },
        status=status,
    )
    return response


@web.middleware
async def errors(request: web.Request, handler) -> web.StreamResponse:  # noqa: ANN001
    """Invalid input becomes a clear 400; anything unexpected a plain 500 without a trace."""
    try:
        return await handler(request)
    except InvalidInput as error:
        return error_response(request, 400, error.msgid)
    except web.HTTPException:
        raise
    except Exception:
        logger.exception("Unexpected error on %s %s", request.method, request.path)
        return error_response(request, 500, SERVER_ERROR)


async def _server_header(_request: web.Request, response: web.StreamResponse) -> None:
    """aiohttp would name itself and Python with their versions."""
    response.headers["Server"] = SERVER_NAME


async def _store(app: web.Application) -> AsyncIterator[None]:
    engine = make_engine(app[SETTINGS].database_url)
    app[SESSIONS] = make_sessionmaker(engine)
    yield
    engine.dispose()


async def _rasa_client(app: web.Application) -> AsyncIterator[None]:
    settings = app[SETTINGS]
    async with aiohttp.ClientSession() as client:
        app[GATEWAY] = RasaGateway(
            client,
            f"http://127.0.0.1:{settings.rasa_port}",
            settings.rasa_token,
            settings.rasa_channel_secret,
        )
        yield


async def _audio_cleanup(app: web.Application) -> AsyncIterator[None]:
    folder, ttl = app[AUDIO_DIR], app[SETTINGS].ric_audio_ttl_seconds

    async def sweep() -> None:
        while True:
            remove_old(folder, ttl)
            await asyncio.sleep(60)

    task = asyncio.create_task(sweep())
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def _session_cleanup(app: web.Application) -> AsyncIterator[None]:
    """Every ten minutes: delete ended sessions and sign-in failures older than the window."""
    settings = app[SETTINGS]

    def sweep_once() -> None:
        with session_scope(app[SESSIONS]) as db:
            web_sessions.purge(db, now=utcnow(), limits=limits(settings))
            credentials.purge_failures(db, throttle_of(settings))

    async def sweep() -> None:
        while True:
            await asyncio.sleep(600)
            try:
                await asyncio.to_thread(sweep_once)
            except Exception:  # the next sweep tries again; sessions still end on load
                logger.exception("Could not purge ended sessions")

    task = asyncio.create_task(sweep())
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


def init_app(settings: Settings) -> web.Application:
    """The portal for these settings (nothing is opened before the app starts)."""
    require_portal_secret(settings)
    app = web.Application(
        middlewares=[
            security_headers,
            errors,
            session_middleware(StoreSessionStorage(settings)),
            auth.guard,
        ],
        client_max_size=64 * 1024,
    )
    app[SETTINGS] = settings
    app[CATALOGS] = Catalogs(settings.locales_dir)
    app[CONTENT] = ContentRepository(settings.knowledge_dir, settings.languages)
    app[AUDIO_DIR] = settings.var_dir / "audio"
    aiohttp_jinja2.setup(
        app, loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True
    )
    app.cleanup_ctx.extend([_store, _rasa_client, _audio_cleanup, _session_cleanup])
    app.on_response_prepare.append(_server_header)
    app.router.add_routes(kiosk.routes)
    app.router.add_routes(glossary.routes)
    app.router.add_routes(staff.routes)
    app.router.add_routes(editor.routes)
    app.router.add_routes(privacy.routes)
    app.router.add_routes(enrolment.routes)
    app.router.add_routes(help_queue.routes)
    app.router.add_static("/static/", HERE / "static", append_version=False)
    return app


def main() -> None:
    """Runs the portal (`ric portal`)."""
    from ric import settings as settings_module

    try:
        settings = settings_module.load()
        app = init_app(settings)
    except settings_module.SettingsError as error:
        raise SystemExit(f"The portal does not start: {error}") from None
    if settings.ric_development:
        logger.warning("Development mode (RIC_DEVELOPMENT=true): not for a RIC terminal network.")
    web.run_app(app, host=settings.portal_host, port=settings.portal_port, print=None)
