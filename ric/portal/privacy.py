"""Privacy in the portal: the redaction notice of the kiosk, and the admins' AVG pages.

Admins (only) can see everything stored about one detainee (inzage, as a readable page
and as JSON) and erase a detainee after a confirmation step; every one of these is
written to the audit log, without the personal data itself. docs/privacy.md says what
is stored where; docs/security.md lists the routes in the access matrix.
"""

from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import quote

from aiohttp import web
from sqlalchemy.orm import sessionmaker

from ric.languages import direction
from ric.portal.keys import SESSIONS
from ric.portal.staff import ADMIN, back, form_of, render, require
from ric.privacy import inzage
from ric.store import staff
from ric.store.db import read_scope, session_scope
from ric.store.errors import DetaineeNotFound

routes = web.RouteTableDef()
TOLD = "redaction_told"  # session key: the detainee was told once that numbers were removed


def redaction_notice(gettext, lang: str) -> dict[str, Any]:  # noqa: ANN001
    """The chat message that says, once per session, that personal numbers were removed."""
    _ = gettext
    return {
        "text": _(
            "Persoonlijke nummers zijn hier niet nodig, zoals je BSN, rekeningnummer, "
            "telefoonnummer, e-mailadres of geboortedatum. Ik heb ze uit je bericht gehaald."
        ),
        "buttons": [],
        "article": None,
        "lang": lang,
        "dir": direction(lang),
    }


def _export(sessions: sessionmaker, reg: str, actor: str, action: str) -> inzage.Inzage:
    with session_scope(sessions) as db:
        try:
            data = inzage.export(db, reg)
        except DetaineeNotFound as error:
            raise web.HTTPNotFound(text="Niet gevonden.") from error
        staff.audit(db, actor, action, data.reg_number)
    return data


@routes.get("/staff/detainees/{reg}/inzage")
async def inzage_page(request: web.Request) -> web.Response:
    """Everything stored about one detainee as a readable page (admins, audited)."""
    session = require(request, ADMIN)
    data = await asyncio.to_thread(
        _export, request.app[SESSIONS], request.match_info["reg"], session["sub"], "inzage_html"
    )
    return render(request, "staff/inzage.html", data=data)


@routes.get("/staff/detainees/{reg}/inzage.json")
async def inzage_json(request: web.Request) -> web.Response:
    """Everything stored about one detainee as JSON, to hand over (admins, audited)."""
    session = require(request, ADMIN)
    data = await asyncio.to_thread(
        _export, request.app[SESSIONS], request.match_info["reg"], session["sub"], "inzage_json"
    )
    return web.Response(
        text=data.as_json(),
        content_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="inzage-{data.reg_number}.json"'},
    )


@routes.get("/staff/detainees/{reg}/erase")
async def erase_page(request: web.Request) -> web.Response:
    """The confirmation step before an erasure: what goes, and the number to type."""
    require(request, ADMIN)
    reg = request.match_info["reg"]
    with read_scope(request.app[SESSIONS]) as db:
        try:
            data = inzage.export(db, reg)
        except DetaineeNotFound as error:
            raise web.HTTPNotFound(text="Niet gevonden.") from error
    return render(request, "staff/erase.html", data=data)


def _erase(sessions: sessionmaker, actor: str, reg: str) -> None:
    with session_scope(sessions) as db:
        try:
            removed = inzage.erase(db, reg)
        except DetaineeNotFound as error:
            raise web.HTTPNotFound(text="Niet gevonden.") from error
        staff.audit(db, actor, "erase_detainee", f"{reg} ({sum(removed.values())} rows)")


@routes.post("/staff/detainees/{reg}/erase")
async def erase(request: web.Request) -> web.Response:
    """Erases the detainee once the admin typed their registration number (audited)."""
    session, form = await form_of(request, ADMIN)
    reg = request.match_info["reg"]
    if str(form.get("confirm", "")).strip() != reg:
        raise back(f"/staff/detainees/{quote(reg, safe='')}/erase", "invalid")
    await asyncio.to_thread(_erase, request.app[SESSIONS], session["sub"], reg)
    raise back("/staff", "erased")
