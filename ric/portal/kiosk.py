"""The kiosk: sign-in with registration number and PIN, the chat, the side panel, read-aloud."""

from __future__ import annotations

import logging
from typing import Any

import aiohttp_jinja2
from aiohttp import web

from ric import protocol
from ric.languages import direction, native_name, normalise
from ric.portal import auth, privacy, signin
from ric.portal.gateway import AssistantUnavailable, free_text, merge_messages
from ric.portal.keys import AUDIO_DIR, CATALOGS, CONTENT, GATEWAY, SESSIONS, SETTINGS
from ric.portal.speech import SpeechUnavailable, speech_available, synthesize
from ric.portal.validation import InvalidInput, read_form, read_json
from ric.privacy.redact import redact
from ric.replies.appointments import describe
from ric.replies.conversation import ALWAYS_OFFERED, BAR_PAYLOADS, condition_name
from ric.replies.guidance import STATUS_ICONS, due_text, item_title, shown_status, status_label
from ric.replies.render import Context
from ric.store import booking, queries
from ric.store.db import read_scope
from ric.store.errors import DetaineeNotFound
from ric.store.models import utcnow

logger = logging.getLogger(__name__)
routes = web.RouteTableDef()
MAX_TEXT = 1000
UI_KEYS = (
    "send",
    "typing",
    "listen",
    "sources",
    "idle_warning",
    "stay",
    "signed_out",
    "choose_button",
    "error",
    "conditions",
    "tasks",
    "appointments",
    "no_tasks",
    "no_appointments",
    "placeholder",
    "feedback_yes",
    "feedback_no",
    "sign_out",
    "product",
    "languages",
    "bar_label",
    "bar_menu",
    "bar_stop",
    "bar_handoff",
    "speech_unavailable",
)


def context(request: web.Request, lang: str) -> Context:
    settings = request.app[SETTINGS]
    return Context(lang, request.app[CATALOGS], request.app[CONTENT], settings.ric_timezone)


def ui_texts(ctx: Context) -> dict[str, str]:
    """The page's own texts for the script, from the same catalogs as the assistant."""
    _ = ctx.gettext
    texts = {
        "send": _("Stuur"),
        "typing": _("De assistent schrijft…"),
        "listen": _("Lees voor"),
        "sources": _("Bron"),
        "idle_warning": _("Ben je er nog? Anders meld ik je zo af."),
        "stay": _("Ik ben er nog"),
        "signed_out": _("Je bent afgemeld."),
        "choose_button": _("Kies een van de knoppen."),
        "error": _(
            "Sorry, er ging iets mis. Probeer het nog een keer, of vraag een medewerker van het RIC."
        ),
        "conditions": _("Basisvoorwaarden"),
        "tasks": _("Taken"),
        "appointments": _("Afspraken"),
        "no_tasks": _("Je hebt geen open taken."),
        "no_appointments": _("Je hebt geen afspraken."),
        "placeholder": _("Typ hier je vraag"),
        "feedback_yes": _("Ja"),
        "feedback_no": _("Nee"),
        "sign_out": _("Afmelden"),
        "product": _("RIC-assistent"),
        "languages": _("Taal"),
        "bar_label": _("Altijd beschikbaar"),
        "bar_menu": _("Menu"),
        "bar_stop": _("Stop / terug"),
        "bar_handoff": _("Praat met een medewerker"),
        "speech_unavailable": _(
            "Voorlezen werkt nu niet op deze computer. Vraag een medewerker om hulp."
        ),
    }
    assert set(texts) == set(UI_KEYS)
    return texts


def page_context(request: web.Request, lang: str, **extra: Any) -> dict[str, Any]:
    settings = request.app[SETTINGS]
    ctx = context(request, lang)
    return {
        "_": ctx.gettext,
        "lang": lang,
        "dir": direction(lang),
        "csrf": auth.current(request)["csrf"],
        "languages": [{"code": code, "name": native_name(code)} for code in settings.languages],
        "idle_seconds": settings.ric_idle_seconds,
        # the sign-in page reloads itself well before its anonymous session could end
        "login_refresh": max(60, settings.portal_session_seconds // 2),
        "warn_seconds": settings.ric_idle_warning_seconds,
        "allowlist": list(settings.ric_link_allowlist),
        "ui": ui_texts(ctx),
        "bar": BAR_PAYLOADS,
        "speech": speech_available(),
        **extra,
    }


def _render(request: web.Request, template: str, lang: str, **extra: Any) -> web.Response:
    response = aiohttp_jinja2.render_template(
        template, request, page_context(request, lang, **extra)
    )
    return response


@routes.get("/")
async def index(request: web.Request) -> web.Response:
    """The chat for a signed-in detainee, else the sign-in page."""
    session = auth.current(request)
    lang = session.get("lang") or request.app[SETTINGS].default_language
    if session.get("kind") == "detainee":
        user = {"reg_number": session["sub"], "display_name": session.get("name") or ""}
        return _render(request, "kiosk.html", lang, user=user)
    error = None
    if request.query.get("signed_out"):
        error = context(request, lang).gettext("Je bent afgemeld.")
    return _render(request, "login.html", lang, error=error, user=None)


def _detainee_account(db, typed: str) -> signin.Account | None:  # noqa: ANN001
    try:
        detainee = queries.get_detainee(db, typed)
    except DetaineeNotFound:
        return None
    return signin.Account(
        sub=detainee.reg_number,
        secret_hash=detainee.pin_hash,
        values={
            "kind": "detainee",
            "sub": detainee.reg_number,
            "name": detainee.display_name or "",
            "lang": detainee.language,
        },
    )


@routes.post("/login")
async def login(request: web.Request) -> web.Response:
    """Checks registration number and PIN, throttled per terminal and per (number, terminal)."""
    form = await read_form(request)
    session = auth.current(request)
    lang = session.get("lang") or request.app[SETTINGS].default_language
    _ = context(request, lang).gettext
    reg_number = str(form.get("reg_number", "")).strip().upper()[:64]
    pin = str(form.get("pin", ""))[:128]
    outcome = await signin.attempt(
        request, kind="detainee", typed=reg_number, secret=pin, lookup=_detainee_account
    )
    if outcome.ok:
        await auth.sign_in(request, outcome.values)
        raise web.HTTPSeeOther("/")
    error = _("Dit nummer of deze pincode klopt niet.")
    if outcome.refused:
        error = _(
            "Te vaak een verkeerde pincode. Probeer het over 15 minuten opnieuw, of vraag een medewerker."
        )
    return _render(request, "login.html", lang, error=error, user=None)


@routes.post("/logout")
async def logout(request: web.Request) -> web.Response:
    """Signs out: the session is deleted on the server, so the old cookie opens nothing."""
    await auth.sign_out(request)
    raise web.HTTPSeeOther("/?signed_out=1")


@routes.post("/language")
async def choose_language(request: web.Request) -> web.Response:
    """The language of the sign-in page."""
    form = await read_form(request)
    session = auth.current(request)
    lang = normalise(str(form.get("language", "")), request.app[SETTINGS].languages)
    if lang:
        session["lang"] = lang
    raise web.HTTPSeeOther("/")


@routes.get("/api/alive")
async def api_alive(request: web.Request) -> web.Response:
    """The page tells the portal the detainee is still there (the server's idle clock)."""
    auth.detainee_of(request)
    return web.json_response({"ok": True})


def _json_error(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


@routes.post("/api/message")
async def api_message(request: web.Request) -> web.Response:
    """Forwards the detainee's message to Rasa as that detainee; returns the answers and panel."""
    sender = auth.detainee_of(request)
    session = dict(auth.current(request))
    settings = request.app[SETTINGS]
    lang = session.get("lang") or settings.default_language
    _ = context(request, lang).gettext
    try:
        body = await read_json(request)
    except InvalidInput as error:
        return _json_error(400, _(error.msgid))
    if not isinstance(body, dict):
        return _json_error(400, _("Kies een van de knoppen."))
    gateway = request.app[GATEWAY]
    redacted = None
    try:
        if body.get("language"):
            chosen = normalise(str(body["language"]), settings.languages)
            if chosen is None:
                return _json_error(400, _("Kies een van de knoppen."))
            lang = chosen
            message = protocol.choice(f"lang:{chosen}")
        elif body.get("payload"):
            message = str(body["payload"])
            if message not in ALWAYS_OFFERED and not was_offered(session, message):
                return _json_error(409, _("Kies een van de knoppen."))
        else:
            message = free_text(str(body.get("text", "")))[:MAX_TEXT]
            if not message:
                return _json_error(400, _("Typ eerst een bericht."))
            # personal numbers never reach Rasa or the store (redacted before the cut)
            redacted = redact(free_text(str(body.get("text", ""))))
            message = redacted.text[:MAX_TEXT]
        raw = await gateway.send(sender, message, lang)
    except AssistantUnavailable:
        logger.exception("Rasa did not answer for %s", sender)
        return _json_error(
            503,
            _(
                "De assistent is even niet bereikbaar. Probeer het zo nog eens, of vraag een medewerker."
            ),
        )
    stored_lang = _stored_language(request, sender) or lang
    messages = merge_messages(raw, stored_lang)
    remember_offers(session, messages)
    result: dict[str, Any] = {
        "messages": messages,
        "language": stored_lang,
        "dir": direction(stored_lang),
        "panel": panel(request, sender, stored_lang),
    }
    tell = redacted is not None and redacted.changed and not session.get(privacy.TOLD)
    if tell:  # once per session: numbers like these are not needed here
        notice = privacy.redaction_notice(context(request, stored_lang).gettext, stored_lang)
        result["messages"].insert(0, notice)
        session[privacy.TOLD] = True
    if stored_lang != session.get("lang"):
        result["ui"] = ui_texts(context(request, stored_lang))
        session["lang"] = stored_lang
    response = web.json_response(result)
    auth.save(request, response, session)  # the offers, the language, the notice told
    return response


# The buttons of the last few answers stay valid: a detainee may press a button of the
# answer before the latest one. They are kept in the server-side session, so a pressed
# payload is checked without asking Rasa for the whole conversation.
OFFERED = "offered"
OFFER_MEMORY = 3


def remember_offers(session: dict[str, Any], messages: list[dict[str, Any]]) -> None:
    """Adds the payloads of this answer's buttons; forgets those of older answers."""
    offered = {button["payload"] for message in messages for button in message["buttons"]}
    recent = [list(group) for group in session.get(OFFERED) or []]
    recent.append(sorted(offered))
    session[OFFERED] = recent[-OFFER_MEMORY:]


def was_offered(session: dict[str, Any], payload: str) -> bool:
    return any(payload in group for group in session.get(OFFERED) or [])


def _stored_language(request: web.Request, sender: str) -> str | None:
    with read_scope(request.app[SESSIONS]) as db:
        try:
            return queries.get_detainee(db, sender).language
        except DetaineeNotFound:
            return None


def panel(request: web.Request, sender: str, lang: str) -> dict[str, Any]:
    """The five conditions, open tasks and upcoming appointments of the detainee."""
    ctx = context(request, lang)
    with read_scope(request.app[SESSIONS]) as db:
        try:
            detainee = queries.get_detainee(db, sender)
        except DetaineeNotFound:
            return {"conditions": [], "tasks": [], "appointments": []}
        rows = queries.condition_statuses(db, detainee)
        open_tasks = queries.list_tasks(db, detainee)
        counts = {c: sum(1 for t in open_tasks if t.condition == c) for c in rows}
        conditions = [
            {
                "condition": c,
                "name": condition_name(ctx, c),
                "status": shown_status(row.status, counts[c]),
                "status_name": status_label(ctx, row.status, counts[c]),
                "icon": STATUS_ICONS[shown_status(row.status, counts[c])],
            }
            for c, row in rows.items()
        ]
        upcoming = booking.upcoming_bookings(db, detainee, now=utcnow())
        spreekuren = {protocol.booking_task_key(b.id): b for b in upcoming}
        tasks = []
        for task in open_tasks:
            item = {"condition": task.condition, "key": task.key, "title": task.title}
            if task.key in spreekuren:
                placed = spreekuren[task.key]
                item["spreekuur"] = _spreekuur(placed)
            tasks.append(
                {
                    "title": item_title(ctx, item),
                    "due": due_text(ctx, task.due_date.isoformat() if task.due_date else None),
                }
            )
        appointments = [{"text": describe(ctx, _spreekuur(b))} for b in upcoming]
    return {"conditions": conditions, "tasks": tasks, "appointments": appointments}


def _spreekuur(placed) -> dict[str, Any]:  # noqa: ANN001
    row = placed.session
    return {
        "id": row.id,
        "partner": row.partner.name,
        "kind": row.partner.kind,
        "starts_at": row.starts_at.isoformat(),
        "room": row.room,
        "booking": placed.id,
    }


@routes.get("/api/panel")
async def api_panel(request: web.Request) -> web.Response:
    """The side panel, for the page's first load."""
    sender = auth.detainee_of(request)
    session = auth.current(request)
    lang = session.get("lang") or request.app[SETTINGS].default_language
    return web.json_response(panel(request, sender, lang))


@routes.post("/api/tts")
async def api_tts(request: web.Request) -> web.Response:
    """Makes (or reuses) audio of a message in its language; returns its URL."""
    auth.detainee_of(request)
    settings = request.app[SETTINGS]
    try:
        body = await read_json(request)
        text = str(body.get("text", ""))
        lang = normalise(str(body.get("lang", "")), settings.languages) or settings.default_language
    except (InvalidInput, AttributeError):
        return _json_error(400, "bad request")
    if not text.strip():
        return _json_error(400, "nothing to read")
    try:
        path = await synthesize(text, lang, request.app[AUDIO_DIR])
    except SpeechUnavailable:
        logger.exception("Read-aloud failed")
        return _json_error(503, context(request, lang).gettext("Voorlezen lukt nu niet."))
    return web.json_response({"url": f"/audio/{path.name}"})


@routes.get(r"/audio/{name:[0-9a-f]{32}\.wav}")
async def audio(request: web.Request) -> web.StreamResponse:
    """Serves read-aloud audio to a signed-in detainee."""
    auth.detainee_of(request)
    path = request.app[AUDIO_DIR] / request.match_info["name"]
    if not path.exists():
        raise web.HTTPNotFound()
    return web.FileResponse(
        path, headers={"Content-Type": "audio/wav", "Cache-Control": "no-store"}
    )
