"""The glossary for the kiosk: GET /api/glossary, read-only, for a signed-in detainee."""

from __future__ import annotations

import logging

from aiohttp import web

from ric.content.glossary import GlossaryError, for_kiosk, load_glossary
from ric.languages import normalise
from ric.portal import auth
from ric.portal.keys import CONTENT, SETTINGS

logger = logging.getLogger(__name__)
routes = web.RouteTableDef()


@routes.get("/api/glossary")
async def api_glossary(request: web.Request) -> web.Response:
    """Terms and easy explanations in the chat's language (`?lang=` may pick another one)."""
    auth.detainee_of(request)
    settings = request.app[SETTINGS]
    session = auth.current(request)
    lang = (
        normalise(request.query.get("lang", ""), settings.languages)
        or session.get("lang")
        or settings.default_language
    )
    content = request.app[CONTENT]
    try:
        terms = load_glossary(content.knowledge_dir, content.languages)
    except GlossaryError:
        logger.exception("The glossary file is not valid; the kiosk shows no glossary")
        terms = ()
    response = web.json_response({"lang": lang, "terms": for_kiosk(terms, lang)})
    response.headers["Cache-Control"] = "no-store"
    return response
