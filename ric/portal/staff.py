"""Staff pages under /staff: sign-in, overview, detainee record, transcript, spreekuren,
dashboard and the audit log. Who may open which page is in docs/security.md."""

from __future__ import annotations

import csv
import datetime as dt
import io
import logging
from typing import Any
from urllib.parse import urlencode

import aiohttp_jinja2
from aiohttp import web

from ric.clock import local_day_start, local_to_utc, utc_to_local
from ric.portal import auth, charts, signin
from ric.portal import transcript as transcript_view
from ric.portal.keys import CATALOGS, CONTENT, SESSIONS, SETTINGS
from ric.portal.validation import (
    InvalidInput,
    csv_cell,
    page_number,
    parse_date,
    parse_id,
    parse_int,
    parse_time,
    read_form,
)
from ric.replies.guidance import STATUS_ICONS
from ric.store import booking, queries, staff, statistics
from ric.store.db import read_scope, session_scope
from ric.store.errors import DetaineeNotFound, StoreError
from ric.store.models import CONDITION_STATUSES, CONDITIONS, utcnow

logger = logging.getLogger(__name__)
routes = web.RouteTableDef()

STAFF_LANG = "nl"  # the staff pages are Dutch only
RUN_RIC = ("staff", "admin")
EDIT = ("editor", "admin")
ADMIN = ("admin",)
HOME = {"staff": "/staff", "admin": "/staff", "editor": "/staff/editor"}
MAX_REG_NUMBER = 32


def gettext(request: web.Request):  # noqa: ANN201
    """The translation function of the staff pages."""
    catalogs = request.app[CATALOGS]
    return lambda msgid: catalogs.gettext(STAFF_LANG, msgid)


def condition_names(_) -> dict[str, str]:  # noqa: ANN001
    return {
        "id": _("ID-bewijs"),
        "housing": _("Wonen"),
        "income": _("Werk en inkomen"),
        "debts": _("Schulden"),
        "care": _("Zorg"),
    }


def status_names(_) -> dict[str, str]:  # noqa: ANN001
    return {
        "not_started": _("Niet begonnen"),
        "in_progress": _("Bezig"),
        "done": _("Klaar"),
        "not_applicable": _("Niet nodig"),
    }


def require(request: web.Request, roles: tuple[str, ...]) -> dict[str, Any]:
    """The staff session when its role may open the page; else sign-in (GET) or 403."""
    session = auth.current(request)
    if session.get("kind") != "staff":
        if request.method == "GET":
            raise web.HTTPSeeOther("/staff/login")
        raise web.HTTPForbidden(text=gettext(request)("Log eerst in als medewerker."))
    if session.get("role") not in roles:
        raise web.HTTPForbidden(text=gettext(request)("Je hebt geen toegang tot deze pagina."))
    return session


async def form_of(request: web.Request, roles: tuple[str, ...]) -> tuple[dict[str, Any], Any]:
    """The session and the posted form, after the role and the CSRF token are checked."""
    session = require(request, roles)
    form = await read_form(request)  # the CSRF token was checked by auth.guard
    return session, form


def render(request: web.Request, template: str, **extra: Any) -> web.Response:
    """A staff page in the shared frame, with the menu for the signed-in role."""
    settings = request.app[SETTINGS]
    session = auth.current(request)

    def local(value: dt.datetime | None, pattern: str = "%d-%m-%Y %H:%M") -> str:
        if value is None:
            return ""
        return utc_to_local(value, settings.ric_timezone).strftime(pattern)

    _ = gettext(request)
    context = {
        "_": _,
        "lang": STAFF_LANG,
        "dir": "ltr",
        "csrf": session["csrf"],
        "user": None,
        "staff": session if session.get("kind") == "staff" else None,
        "local": local,
        "condition_names": condition_names(_),
        "status_names": status_names(_),
        "icons": STATUS_ICONS,
        "conditions": CONDITIONS,
        "notice": notices(_).get(request.query.get("notice", ""), ""),
        **extra,
    }
    return aiohttp_jinja2.render_template(template, request, context)


def notices(_) -> dict[str, str]:  # noqa: ANN001
    """Messages shown after a form was sent (?notice=...)."""
    return {
        "saved": _("Opgeslagen."),
        "invalid": _("Dat lukte niet: controleer de invoer."),
        "not_found": _("Niet gevonden."),
        "erased": _("Gegevens gewist."),
        "cancelled": _(
            "Het spreekuur is afgezegd. Wie had geboekt, hoort het in het volgende gesprek."
        ),
    }


def back(location: str, notice: str = "saved") -> web.HTTPSeeOther:
    sep = "&" if "?" in location else "?"
    return web.HTTPSeeOther(f"{location}{sep}notice={notice}")


# --- sign-in ----------------------------------------------------------------------------
@routes.get("/staff/login")
async def login_page(request: web.Request) -> web.Response:
    """The staff sign-in form."""
    return render(request, "staff/login.html", error=None)


def _staff_account(db, typed: str) -> signin.Account | None:  # noqa: ANN001
    try:
        account = staff.get_account(db, typed)
    except staff.AccountNotFound:
        return None
    if not account.active:
        return None
    return signin.Account(
        sub=account.username,
        secret_hash=account.password_hash,
        values={
            "kind": "staff",
            "sub": account.username,
            "name": account.display_name,
            "role": account.role,
            "pi": account.pi,
            "lang": STAFF_LANG,
        },
    )


@routes.post("/staff/login")
async def login(request: web.Request) -> web.Response:
    """Checks username and password, throttled per address and per (account, address)."""
    form = await read_form(request)
    _ = gettext(request)
    username = str(form.get("username", "")).strip().lower()[:64]
    password = str(form.get("password", ""))[:1024]
    outcome = await signin.attempt(
        request, kind="staff", typed=username, secret=password, lookup=_staff_account
    )
    if outcome.ok:
        await auth.sign_in(request, outcome.values)
        raise web.HTTPSeeOther(HOME[outcome.values["role"]])
    error = _("Deze naam of dit wachtwoord klopt niet.")
    if outcome.refused:
        error = _("Te vaak een verkeerd wachtwoord. Probeer het over 15 minuten opnieuw.")
    return render(request, "staff/login.html", error=error)


@routes.post("/staff/logout")
async def logout(request: web.Request) -> web.Response:
    """Signs the staff member out: the session is deleted on the server."""
    await auth.sign_out(request)
    raise web.HTTPSeeOther("/staff/login")


# --- overview ---------------------------------------------------------------------------
@routes.get("/staff")
async def overview(request: web.Request) -> web.Response:
    """Detainees of the PI; urgent alerts and open help requests first."""
    session = require(request, RUN_RIC)
    search = request.query.get("q", "")[:100]
    page, size = page_number(request), request.app[SETTINGS].ric_page_size
    with read_scope(request.app[SESSIONS]) as db:
        rows = staff.overview(
            db,
            list_pi(request, session),
            now=utcnow(),
            search=search,
            limit=size + 1,
            offset=(page - 1) * size,
        )
    base = f"/staff?{urlencode({'q': search})}&" if search else "/staff?"
    return render(
        request,
        "staff/overview.html",
        rows=rows[:size],
        search=search,
        page=page,
        has_next=len(rows) > size,
        base=base,
    )


# --- detainee record --------------------------------------------------------------------
def pi_of(session: dict[str, Any]) -> str | None:
    """The PI whose detainees a staff session may see; None: every PI (account without PI)."""
    return session.get("pi") or None


def list_pi(request: web.Request, session: dict[str, Any]) -> str:
    """The PI of the lists (overview, spreekuren, dashboard): the account's, else the default."""
    return pi_of(session) or request.app[SETTINGS].ric_default_pi


def _detainee(db, reg: str, session: dict[str, Any]):  # noqa: ANN001, ANN202
    """The detainee when the session's PI may see them; 404 otherwise (even when it exists)."""
    if len(reg) > MAX_REG_NUMBER:
        raise web.HTTPNotFound()
    try:
        detainee = queries.get_detainee(db, reg)
    except DetaineeNotFound as error:
        raise web.HTTPNotFound(text="Niet gevonden.") from error
    if pi_of(session) and detainee.pi != pi_of(session):
        raise web.HTTPNotFound(text="Niet gevonden.")
    return detainee


@routes.get("/staff/detainees/{reg}")
async def detainee_page(request: web.Request) -> web.Response:
    """One detainee's conditions with history, tasks, bookings and help requests (audited)."""
    session = require(request, RUN_RIC)
    reg = request.match_info["reg"]
    with session_scope(request.app[SESSIONS]) as db:
        detainee = _detainee(db, reg, session)
        staff.audit(db, session["sub"], "view_detainee", reg)
        data = {
            "detainee": detainee,
            "statuses": queries.condition_statuses(db, detainee),
            "history": queries.condition_history(db, detainee),
            "tasks": queries.list_tasks(db, detainee, status=None),
            "bookings": [
                (b, b.session, b.session.partner) for b in staff.bookings_of(db, detainee)
            ],
            "help": staff.help_requests(db, detainee),
        }
    _ = gettext(request)
    namer = transcript_namer(request)
    return render(
        request,
        "staff/detainee.html",
        step_name=namer.step,
        language_name=namer.language,
        task_status_names=task_status_names(_),
        booking_status_names=booking_status_names(_),
        help_reasons=help_reason_names(_),
        **data,
    )


def task_status_names(_) -> dict[str, str]:  # noqa: ANN001
    return {"open": _("Open"), "done": _("Klaar"), "cancelled": _("Vervallen")}


def booking_status_names(_) -> dict[str, str]:  # noqa: ANN001
    return {
        "booked": _("Geboekt"),
        "cancelled": _("Afgezegd"),
        "attended": _("Geweest"),
        "no_show": _("Niet gekomen"),
    }


def help_reason_names(_) -> dict[str, str]:  # noqa: ANN001
    """Why a help request was made (HelpRequest.reason), in Dutch."""
    return {
        "safety": _("Veiligheidsmelding"),
        "handoff": _("Vroeg om een medewerker"),
    }


def _date(value: Any) -> dt.date | None:
    """A date from a form or query (2000…2100); anything else is a clear 400."""
    return parse_date(value)


@routes.post("/staff/detainees/{reg}/tasks")
async def add_task(request: web.Request) -> web.Response:
    """Staff add a task for the detainee."""
    session, form = await form_of(request, RUN_RIC)
    reg = request.match_info["reg"]
    title = str(form.get("title", "")).strip()[:255]
    if not title:
        raise back(f"/staff/detainees/{reg}", "invalid")
    with session_scope(request.app[SESSIONS]) as db:
        detainee = _detainee(db, reg, session)
        queries.create_task(
            db, detainee, title=title, due_date=_date(form.get("due")), created_by=session["sub"]
        )
        staff.audit(db, session["sub"], "add_task", reg)
    raise back(f"/staff/detainees/{reg}")


@routes.post("/staff/detainees/{reg}/tasks/{task_id:\\d+}")
async def change_task(request: web.Request) -> web.Response:
    """Staff change a task's title or due date, or close it (done or cancelled)."""
    session, form = await form_of(request, RUN_RIC)
    reg = request.match_info["reg"]
    action = str(form.get("action", "save"))
    status = {"done": "done", "cancel": "cancelled", "reopen": "open"}.get(action)
    with session_scope(request.app[SESSIONS]) as db:
        detainee = _detainee(db, reg, session)
        try:
            staff.update_task(
                db,
                detainee,
                parse_id(request.match_info["task_id"]),
                title=str(form.get("title", "")) if action == "save" else None,
                due_date=_date(form.get("due")) if action == "save" else None,
                status=status,
            )
        except StoreError:
            raise back(f"/staff/detainees/{reg}", "not_found") from None
        staff.audit(db, session["sub"], f"task_{action}", reg)
    raise back(f"/staff/detainees/{reg}")


@routes.post("/staff/detainees/{reg}/help/{request_id:\\d+}")
async def handle_help(request: web.Request) -> web.Response:
    """Marks a help request of the detainee handled."""
    session, _form = await form_of(request, RUN_RIC)
    reg = request.match_info["reg"]
    with session_scope(request.app[SESSIONS]) as db:
        detainee = _detainee(db, reg, session)
        request_id = parse_id(request.match_info["request_id"])
        if request_id not in {h.id for h in staff.help_requests(db, detainee)}:
            raise back(f"/staff/detainees/{reg}", "not_found")
        queries.handle_help_request(db, request_id, by=session["sub"])
        staff.audit(db, session["sub"], "handle_help", f"{reg} #{request_id}")
    raise back(f"/staff/detainees/{reg}")


def transcript_namer(request: web.Request) -> transcript_view.Namer:
    """Dutch names for articles, flow steps, conditions and replies of the staff pages."""
    _ = gettext(request)
    return transcript_view.Namer(
        _, request.app[CONTENT], condition_names(_), request.app[SETTINGS].languages
    )


@routes.get("/staff/detainees/{reg}/transcript")
async def transcript_page(request: web.Request) -> web.Response:
    """The conversation from Rasa's tracker store as a readable chat (audited): button
    titles as the detainee saw them, Dutch labels, filters by date and 'not understood'."""
    session = require(request, RUN_RIC)
    reg = request.match_info["reg"]
    settings = request.app[SETTINGS]
    _ = gettext(request)
    query = request.query
    only_unclear = query.get("not_understood", "") in ("1", "on", "true")
    error, start_day, end_day = "", None, None
    try:
        start_day, end_day = _date(query.get("from")), _date(query.get("to"))
    except InvalidInput as invalid:
        error = _(invalid.msgid)
    if not error and start_day and end_day and start_day > end_day:
        error = _("De datum bij 'Van' ligt na de datum bij 'Tot en met'. Kies een andere periode.")
    with session_scope(request.app[SESSIONS]) as db:
        detainee = _detainee(db, reg, session)
        turns = []
        if not error:
            staff.audit(db, session["sub"], "view_transcript", reg)
            turns = staff.transcript(
                db,
                detainee.reg_number,
                start=local_day_start(start_day, settings.ric_timezone) if start_day else None,
                end=(
                    local_day_start(end_day + dt.timedelta(days=1), settings.ric_timezone)
                    if end_day
                    else None
                ),
                not_understood_only=only_unclear,
            )
    response = render(
        request,
        "staff/transcript.html",
        detainee=detainee,
        lines=transcript_view.lines(turns, transcript_namer(request), request.app[CATALOGS]),
        start=start_day.isoformat() if start_day else str(query.get("from", ""))[:10],
        end=end_day.isoformat() if end_day else str(query.get("to", ""))[:10],
        only_unclear=only_unclear,
        error=error,
    )
    if error:
        response.set_status(400)
    return response


# --- spreekuren -------------------------------------------------------------------------
@routes.get("/staff/spreekuren")
async def spreekuren(request: web.Request) -> web.Response:
    """Partners and the coming spreekuren, with a form for new ones."""
    session = require(request, RUN_RIC)
    with read_scope(request.app[SESSIONS]) as db:
        partners = booking.list_partners(db, active_only=False)
        rows = staff.sessions_overview(
            db, pi=list_pi(request, session), since=utcnow() - dt.timedelta(days=7)
        )
        rows = [(row, taken, row.partner) for row, taken in rows]
    return render(request, "staff/spreekuren.html", partners=partners, rows=rows)


@routes.post("/staff/spreekuren")
async def create_spreekuur(request: web.Request) -> web.Response:
    """Creates one spreekuur, or the same one weekly for a number of weeks."""
    session, form = await form_of(request, RUN_RIC)
    settings = request.app[SETTINGS]
    if not all(str(form.get(field) or "").strip() for field in ("date", "time", "capacity")):
        raise back("/staff/spreekuren", "invalid")  # a field left empty: the form again
    day, moment = parse_date(form.get("date")), parse_time(form.get("time"))  # else a 400
    weeks = parse_int(form.get("weeks"), low=1, high=52, default=1)
    fields = {
        "pi": list_pi(request, session),
        "capacity": parse_int(form.get("capacity"), low=1, high=1000),
        "duration_minutes": parse_int(form.get("duration"), low=5, high=24 * 60, default=60),
        "room": str(form.get("room") or "RIC")[:64],
    }
    partner_id = parse_int(form.get("partner"), low=1, high=2**63 - 1)
    starts_at = local_to_utc(dt.datetime.combine(day, moment), settings.ric_timezone)
    if starts_at <= utcnow():
        raise back("/staff/spreekuren", "invalid")
    with session_scope(request.app[SESSIONS]) as db:
        try:
            partner = booking.get_partner(db, partner_id)
            if weeks > 1:
                booking.add_weekly_sessions(db, partner, weeks=weeks, starts_at=starts_at, **fields)
            else:
                booking.add_session(db, partner, starts_at=starts_at, **fields)
        except StoreError:
            raise back("/staff/spreekuren", "invalid") from None
        staff.audit(db, session["sub"], "add_spreekuur", f"{partner.name} {starts_at} x{weeks}")
    raise back("/staff/spreekuren")


def _check_spreekuur_pi(db, session_id: int, session: dict[str, Any]) -> None:  # noqa: ANN001
    """404 for a spreekuur of another PI than the account's (or one that does not exist)."""
    try:
        row = booking.get_session(db, session_id)
    except StoreError:
        raise web.HTTPNotFound() from None
    if pi_of(session) and row.pi != pi_of(session):
        raise web.HTTPNotFound()


def _cancel_location(session_id: int) -> str:
    return f"/staff/spreekuren/{session_id}/cancel"


@routes.get("/staff/spreekuren/{session_id:\\d+}/cancel")
async def cancel_spreekuur_page(request: web.Request) -> web.Response:
    """The confirmation step before a spreekuur is cancelled: who will be told."""
    session = require(request, RUN_RIC)
    session_id = parse_id(request.match_info["session_id"])
    with read_scope(request.app[SESSIONS]) as db:
        _check_spreekuur_pi(db, session_id, session)
        row = booking.get_session(db, session_id)
        partner, taken = row.partner, booking.taken_places(db, session_id)
    return render(request, "staff/spreekuur_cancel.html", row=row, partner=partner, taken=taken)


@routes.post("/staff/spreekuren/{session_id:\\d+}/cancel")
async def cancel_spreekuur(request: web.Request) -> web.Response:
    """Cancels a spreekuur; the detainees who booked hear it in their next chat. One with
    bookings needs the confirmation page's confirm=1: without it, nothing changes and the
    browser is sent to that page."""
    session, form = await form_of(request, RUN_RIC)
    session_id = parse_id(request.match_info["session_id"])
    with session_scope(request.app[SESSIONS]) as db:
        _check_spreekuur_pi(db, session_id, session)
        row = booking.get_session(db, session_id)
        if row.cancelled_at is not None or (
            booking.taken_places(db, session_id) and form.get("confirm") != "1"
        ):
            raise web.HTTPSeeOther(_cancel_location(session_id))  # nothing changes
        try:
            told = booking.cancel_session(db, session_id, by=session["sub"])
        except StoreError:
            raise back("/staff/spreekuren", "not_found") from None
        staff.audit(db, session["sub"], "cancel_spreekuur", f"{session_id} ({len(told)} told)")
    raise back("/staff/spreekuren", "cancelled")


@routes.get("/staff/spreekuren/{session_id:\\d+}")
async def attendees_page(request: web.Request) -> web.Response:
    """The attendee list of one spreekuur, to mark attended or no-show."""
    session = require(request, RUN_RIC)
    session_id = parse_id(request.match_info["session_id"])
    with session_scope(request.app[SESSIONS]) as db:
        _check_spreekuur_pi(db, session_id, session)
        try:
            row = booking.get_session(db, session_id)
            people = [(b, b.detainee) for b in booking.attendees(db, session_id)]
        except StoreError:
            raise web.HTTPNotFound() from None
        partner = row.partner
        staff.audit(db, session["sub"], "view_attendees", str(session_id))
    return render(request, "staff/attendees.html", row=row, partner=partner, people=people)


@routes.post("/staff/spreekuren/{session_id:\\d+}/bookings/{booking_id:\\d+}")
async def mark_attendance(request: web.Request) -> web.Response:
    """Marks one booking attended or no-show."""
    session, form = await form_of(request, RUN_RIC)
    session_id = parse_id(request.match_info["session_id"])
    location = f"/staff/spreekuren/{session_id}"
    with session_scope(request.app[SESSIONS]) as db:
        _check_spreekuur_pi(db, session_id, session)
        try:
            row = booking.mark_attendance(
                db,
                parse_id(request.match_info["booking_id"]),
                str(form.get("status")),
                by=session["sub"],
            )
        except StoreError:
            raise back(location, "invalid") from None
        if row.session_id != session_id:
            db.rollback()
            raise back(location, "not_found")
        staff.audit(db, session["sub"], "mark_attendance", f"{row.id} {row.status}")
    raise back(location)


@routes.get("/staff/spreekuren/{session_id:\\d+}/attendees.csv")
async def attendees_csv(request: web.Request) -> web.Response:
    """The attendee list as CSV (semicolons, for Dutch spreadsheet programs)."""
    session = require(request, RUN_RIC)
    session_id = parse_id(request.match_info["session_id"])
    _ = gettext(request)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([_("Registratienummer"), _("Naam"), _("Status"), _("Geboekt op")])
    with session_scope(request.app[SESSIONS]) as db:
        _check_spreekuur_pi(db, session_id, session)
        try:
            rows = booking.attendees(db, session_id)
        except StoreError:
            raise web.HTTPNotFound() from None
        for row in rows:
            writer.writerow(
                [
                    csv_cell(row.detainee.reg_number),
                    csv_cell(row.detainee.display_name or ""),
                    csv_cell(row.status),
                    row.created_at.isoformat(timespec="minutes"),
                ]
            )
        staff.audit(db, session["sub"], "export_attendees", str(session_id))
    return web.Response(
        text=buffer.getvalue(),
        content_type="text/csv",
        charset="utf-8",
        headers={"Content-Disposition": f'attachment; filename="spreekuur-{session_id}.csv"'},
    )


# --- dashboard --------------------------------------------------------------------------
@routes.get("/staff/dashboard")
async def dashboard(request: web.Request) -> web.Response:
    """Per condition the detainees per status; bookings per partner and week; unanswered
    questions, help requests and alerts per week (with the median time to handle)."""
    session = require(request, RUN_RIC)
    pi, timezone = list_pi(request, session), request.app[SETTINGS].ric_timezone
    with read_scope(request.app[SESSIONS]) as db:
        counts = statistics.condition_counts(db, pi)
        partners = statistics.partner_counts(db, pi)
        bookings = statistics.bookings_per_week(db, pi, timezone)
        weeks = statistics.unanswered_per_week(db, pi, timezone)
        help_weeks = statistics.help_per_week(db, pi, timezone)
    return render(
        request,
        "staff/dashboard.html",
        counts=counts,
        any_detainee=any(counts.values()),
        partners=partners,
        bookings=bookings,
        weeks=[(week, statistics.week_start(week), count) for week, count in weeks],
        help_weeks=help_weeks,
        can_edit=session.get("role") in EDIT,
        all_statuses=CONDITION_STATUSES,
    )


def _svg(text: str) -> web.Response:
    return web.Response(text=text, content_type="image/svg+xml")


@routes.get("/staff/dashboard/chart.svg")
async def conditions_svg(request: web.Request) -> web.Response:
    """Chart: detainees per condition and status."""
    session = require(request, RUN_RIC)
    _ = gettext(request)
    with read_scope(request.app[SESSIONS]) as db:
        counts = statistics.condition_counts(db, list_pi(request, session))
    return _svg(charts.conditions_chart(counts, condition_names(_), status_names(_)))


@routes.get("/staff/dashboard/partners.svg")
async def partners_svg(request: web.Request) -> web.Response:
    """Chart: bookings and no-shows per partner."""
    session = require(request, RUN_RIC)
    _ = gettext(request)
    with read_scope(request.app[SESSIONS]) as db:
        rows = statistics.partner_counts(db, list_pi(request, session))
    return _svg(charts.partners_chart(rows, (_("Boekingen"), _("Niet gekomen"))))


# --- audit log --------------------------------------------------------------------------
@routes.get("/staff/audit")
async def audit_page(request: web.Request) -> web.Response:
    """The audit log, newest first (admins only)."""
    require(request, ADMIN)
    actor = request.query.get("actor", "")[:64] or None
    with read_scope(request.app[SESSIONS]) as db:
        entries = staff.audit_log(db, actor=actor)
    return render(request, "staff/audit.html", entries=entries, actor=actor or "")
