"""The portal application factory: `init_app(settings)`; resources live in cleanup_ctx."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import aiohttp_jinja2
import jinja2
from aiohttp import web

from ric.content.repository import ContentRepository
from ric.portal import editor, kiosk, staff
from ric.portal.gateway import RasaGateway
from ric.portal.keys import AUDIO_DIR, CATALOGS, CONTENT, GATEWAY, SESSIONS, SETTINGS
from ric.portal.speech import remove_old
from ric.replies.catalog import Catalogs
from ric.settings import Settings
from ric.store.db import make_engine, make_sessionmaker

HERE = Path(__file__).resolve().parent
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


async def _store(app: web.Application) -> AsyncIterator[None]:
    engine = make_engine(app[SETTINGS].database_url)
    app[SESSIONS] = make_sessionmaker(engine)
    yield
    engine.dispose()


async def _rasa_client(app: web.Application) -> AsyncIterator[None]:
    settings = app[SETTINGS]
    async with aiohttp.ClientSession() as client:
        app[GATEWAY] = RasaGateway(
            client, f"http://127.0.0.1:{settings.rasa_port}", settings.rasa_token
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


def init_app(settings: Settings) -> web.Application:
    """The portal for these settings (nothing is opened before the app starts)."""
    app = web.Application(middlewares=[security_headers], client_max_size=64 * 1024)
    app[SETTINGS] = settings
    app[CATALOGS] = Catalogs(settings.locales_dir)
    app[CONTENT] = ContentRepository(settings.knowledge_dir, settings.languages)
    app[AUDIO_DIR] = settings.var_dir / "audio"
    aiohttp_jinja2.setup(
        app, loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True
    )
    app.cleanup_ctx.extend([_store, _rasa_client, _audio_cleanup])
    app.router.add_routes(kiosk.routes)
    app.router.add_routes(staff.routes)
    app.router.add_routes(editor.routes)
    app.router.add_static("/static/", HERE / "static", append_version=False)
    return app


def main() -> None:
    """Runs the portal (`ric portal`)."""
    from ric import settings as settings_module

    settings = settings_module.load()
    web.run_app(
        init_app(settings), host=settings.portal_host, port=settings.portal_port, print=None
    )
