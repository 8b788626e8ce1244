"""The help queue (/staff/help) and the live alert stream (/staff/alerts/stream).

Urgent alerts come first, then help requests, oldest first. Every signed-in staff page
listens to the stream (server-sent events) and shows a new urgent alert within seconds,
with a banner and a sound, without a reload. Who may open which page: docs/security.md.
"""

from __future__ import annotations

import asyncio
import json
import time

from aiohttp import web

from ric.portal.keys import SESSIONS
from ric.portal.staff import RUN_RIC, back, form_of, gettext, pi_of, render, require
from ric.portal.validation import parse_id, parse_int
from ric.store import help_queue, staff
from ric.store.db import read_scope, session_scope

routes = web.RouteTableDef()
POLL_SECONDS = 2.0
HEARTBEAT_SECONDS = 15.0
STREAM_SECONDS = 600.0  # the browser reconnects by itself after this


@routes.get("/staff/help")
async def queue_page(request: web.Request) -> web.Response:
    """Open alerts and help requests of the PI, urgent first, then oldest first."""
    session = require(request, RUN_RIC)
    with read_scope(request.app[SESSIONS]) as db:
        items = help_queue.open_queue(db, pi=pi_of(session))
        handled = help_queue.recently_handled(db, pi=pi_of(session))
    return render(request, "staff/help.html", items=items, handled=handled)


@routes.post("/staff/help/{request_id}")
async def mark_handled(request: web.Request) -> web.Response:
    """Marks one request handled, with who, when and the note typed."""
    session, form = await form_of(request, RUN_RIC)
    request_id = parse_id(request.match_info["request_id"])
    with session_scope(request.app[SESSIONS]) as db:
        try:
            handled = help_queue.mark_handled(
                db,
                request_id,
                by=session["sub"],
                pi=pi_of(session),
                note=str(form.get("note", "")),
            )
        except help_queue.HelpRequestNotFound:
            raise back("/staff/help", "not_found") from None
        staff.audit(db, session["sub"], "handle_help", f"#{handled.id}")
    raise back("/staff/help")


def _event(item: help_queue.QueueItem, _) -> bytes:  # noqa: ANN001
    data = {
        "id": item.request.id,
        "reg_number": item.reg_number,
        "reason": item.request.reason,
        "text": _("Urgent: {reg} heeft nu hulp nodig.").format(reg=item.reg_number),
        "link": "/staff/help",
    }
    return f"id: {item.request.id}\nevent: urgent\ndata: {json.dumps(data)}\n\n".encode()


@routes.get("/staff/alerts/stream")
async def alert_stream(request: web.Request) -> web.StreamResponse:
    """Server-sent events: one `urgent` event per new open urgent alert of the PI."""
    session = require(request, RUN_RIC)
    pi = pi_of(session)
    factory = request.app[SESSIONS]
    _ = gettext(request)

    def newest() -> int:
        with read_scope(factory) as db:
            return help_queue.last_request_id(db)

    def since(after: int) -> list[help_queue.QueueItem]:
        with read_scope(factory) as db:
            return help_queue.urgent_since(db, after, pi=pi)

    resumed = request.headers.get("Last-Event-ID") or request.query.get("after")
    after = parse_int(resumed, low=0, high=10**12, default=-1) if resumed else -1
    if after < 0:
        after = await asyncio.to_thread(newest)
    response = web.StreamResponse(
        headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"}
    )
    await response.prepare(request)
    await response.write(b"retry: 3000\n\n")
    started = last_beat = time.monotonic()
    try:
        while time.monotonic() - started < STREAM_SECONDS:
            for item in await asyncio.to_thread(since, after):
                await response.write(_event(item, _))
                after = max(after, item.request.id)
            if time.monotonic() - last_beat > HEARTBEAT_SECONDS:
                await response.write(b": still here\n\n")
                last_beat = time.monotonic()
            await asyncio.sleep(POLL_SECONDS)
    except (ConnectionResetError, asyncio.CancelledError):
        pass
    return response
