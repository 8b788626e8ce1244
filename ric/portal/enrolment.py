"""Enrolment pages under /staff: add a detainee, import a CSV export, PIN slips, release.

A new or reset PIN is shown once, on a printable PIN slip, and stored only hashed.
Every change is written to the audit log. Who may open which page: docs/security.md.
"""

from __future__ import annotations

import datetime as dt
import logging

from aiohttp import web

from ric.portal.keys import SESSIONS, SETTINGS
from ric.portal.staff import RUN_RIC, back, form_of, gettext, list_pi, pi_of, render, require
from ric.store import enrolment, queries, staff
from ric.store.db import session_scope
from ric.store.enrolment import EnrolmentError
from ric.store.errors import DetaineeNotFound

logger = logging.getLogger(__name__)
routes = web.RouteTableDef()
MAX_IMPORT_BYTES = 512 * 1024


def field_names(_) -> dict[str, str]:  # noqa: ANN001
    return {
        "registration_number": _("Registratienummer"),
        "name": _("Naam"),
        "language": _("Taal"),
        "release_date": _("Verwachte vrijlating"),
        "file": _("Bestand"),
    }


def problem_texts(_) -> dict[str, str]:  # noqa: ANN001
    return {
        "format": _("heeft niet de goede vorm"),
        "too_long": _("is te lang of bevat vreemde tekens"),
        "unknown": _("is niet een van de mogelijke waarden"),
        "impossible": _("kan niet kloppen"),
        "exists": _("is al ingeschreven"),
        "duplicate": _("staat twee keer in het bestand"),
        "header": _("ontbreekt in de kopregel"),
        "too_many": _("te veel regels"),
    }


def explain(_, error: EnrolmentError) -> str:  # noqa: ANN001
    """One Dutch sentence for staff: which field, what is wrong."""
    field = field_names(_).get(error.field, error.field)
    return f"{field}: {problem_texts(_)[error.problem]}"


def enrol_page(request: web.Request, session: dict, **extra) -> web.Response:  # noqa: ANN003
    settings = request.app[SETTINGS]
    context = {"errors": [], "values": {}, "import_errors": [], **extra}
    return render(
        request,
        "staff/enrol.html",
        languages=settings.languages,
        pi=list_pi(request, session),
        **context,
    )


@routes.get("/staff/enrol")
async def enrol_form(request: web.Request) -> web.Response:
    """The form to enrol one detainee or import a CSV export."""
    session = require(request, RUN_RIC)
    return enrol_page(request, session)


@routes.post("/staff/enrol")
async def enrol(request: web.Request) -> web.Response:
    """Enrols one detainee and shows the PIN slip; bad values come back with the form."""
    session, form = await form_of(request, RUN_RIC)
    settings = request.app[SETTINGS]
    _ = gettext(request)
    values = {key: str(form.get(key, ""))[:200] for key in ("reg", "name", "language", "release")}
    try:
        with session_scope(request.app[SESSIONS]) as db:
            made = enrolment.enrol(
                db,
                values["reg"],
                pi=list_pi(request, session),
                languages=settings.languages,
                language=values["language"],
                name=values["name"],
                release=values["release"],
            )
            staff.audit(db, session["sub"], "enrol", made.reg_number)
    except EnrolmentError as error:
        response = enrol_page(request, session, errors=[explain(_, error)], values=values)
        response.set_status(400)
        return response
    return render(request, "staff/pin_slip.html", slips=[made], new=True)


@routes.post("/staff/enrol/import")
async def import_export(request: web.Request) -> web.Response:
    """Enrols everyone in a pasted or uploaded CSV; reports each bad line."""
    session, form = await form_of(request, RUN_RIC)
    settings = request.app[SETTINGS]
    _ = gettext(request)
    upload = form.get("file")
    raw = getattr(upload, "file", None)
    if raw is not None:
        data = raw.read(MAX_IMPORT_BYTES + 1)
        text = data.decode("utf-8-sig", errors="replace") if len(data) <= MAX_IMPORT_BYTES else ""
    else:
        text = str(form.get("csv", ""))[:MAX_IMPORT_BYTES]
    skip_bad = form.get("skip_bad") == "1"
    if not text.strip():
        response = enrol_page(request, session, import_errors=[(0, _("Het bestand is leeg."))])
        response.set_status(400)
        return response
    with session_scope(request.app[SESSIONS]) as db:
        report = enrolment.import_csv(
            db, text, pi=list_pi(request, session), languages=settings.languages, skip_bad=skip_bad
        )
        for made in report.enrolled:
            staff.audit(db, session["sub"], "enrol", made.reg_number)
    lines = [(line, explain(_, error)) for line, error in report.errors]
    if not report.enrolled:
        response = enrol_page(request, session, import_errors=lines)
        response.set_status(400 if lines else 200)
        return response
    return render(request, "staff/pin_slip.html", slips=report.enrolled, new=True, skipped=lines)


def _detainee_action(action: str):  # noqa: ANN202
    """Runs one change on a detainee of the staff member's PI, audited."""

    async def handler(request: web.Request) -> web.Response:
        session, form = await form_of(request, RUN_RIC)
        reg = request.match_info["reg"]
        page = f"/staff/detainees/{reg}"
        try:
            with session_scope(request.app[SESSIONS]) as db:
                detainee = queries.get_detainee(db, reg)
                if pi_of(session) and detainee.pi != pi_of(session):
                    raise DetaineeNotFound(reg)
                if action == "pin":
                    if detainee.access_ended_at is not None:
                        raise back(page, "invalid")
                    made = enrolment.reset_pin(db, detainee)
                    staff.audit(db, session["sub"], "reset_pin", reg)
                    return render(request, "staff/pin_slip.html", slips=[made], new=False)
                if action == "release_date":
                    enrolment.set_release(
                        db, detainee, str(form.get("release", ""))[:40], today=dt.date.today()
                    )
                    staff.audit(db, session["sub"], "set_release", reg)
                elif action == "end_access":
                    if form.get("confirm") != "1":
                        raise back(page, "invalid")
                    enrolment.end_access(db, detainee)
                    staff.audit(db, session["sub"], "end_access", reg)
        except DetaineeNotFound as error:
            raise web.HTTPNotFound(text=gettext(request)("Niet gevonden.")) from error
        except EnrolmentError as error:
            raise back(page, "invalid") from error
        raise back(page)

    handler.__doc__ = f"Detainee change: {action}."
    return handler


routes.post(r"/staff/detainees/{reg:[A-Za-z0-9-]{1,32}}/pin")(_detainee_action("pin"))
routes.post(r"/staff/detainees/{reg:[A-Za-z0-9-]{1,32}}/release-date")(
    _detainee_action("release_date")
)
routes.post(r"/staff/detainees/{reg:[A-Za-z0-9-]{1,32}}/end-access")(_detainee_action("end_access"))
