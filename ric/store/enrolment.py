"""Enrolment: staff add detainees, hand out and reset PINs, set the release date, end access.

A PIN is generated here, returned once to be printed on a PIN slip, and stored only as an
argon2 hash. Ending kiosk access at release keeps the record; what happens to the data
afterwards is the retention rule's business (docs/privacy.md).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import re
import secrets

from sqlalchemy import select
from sqlalchemy.orm import Session

from ric.store import queries
from ric.store.credentials import hash_secret
from ric.store.errors import StoreError
from ric.store.models import Detainee, utcnow

PIN_DIGITS = 6
REG_NUMBER = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,31}$")
NAME_MAX = 120
IMPORT_COLUMNS = ("registration_number", "name", "release_date", "language")
MAX_IMPORT_ROWS = 5000
EARLIEST_RELEASE = dt.date(2000, 1, 1)
LATEST_RELEASE_YEARS = 40


PROBLEMS = {
    "format": "has the wrong form",
    "too_long": "is too long or holds control characters",
    "unknown": "is not one of the supported values",
    "impossible": "cannot be right",
    "exists": "is already enrolled",
    "duplicate": "appears twice in the file",
    "header": "is missing from the header",
    "too_many": "too many rows",
}


class EnrolmentError(StoreError):
    """A value cannot be used: which field, which problem (a PROBLEMS key), and the value."""

    def __init__(self, field: str, problem: str, value: str = "") -> None:
        super().__init__(f"{field} {PROBLEMS[problem]}" + (f": {value}" if value else ""))
        self.field = field
        self.problem = problem
        self.value = value


class DetaineeExists(EnrolmentError):
    """A detainee with this registration number is already enrolled."""

    def __init__(self, reg_number: str) -> None:
        super().__init__("registration_number", "exists", reg_number)


@dataclasses.dataclass(frozen=True)
class Enrolled:
    """A detainee just enrolled or given a new PIN: the PIN is known only now."""

    reg_number: str
    pin: str


def new_pin() -> str:
    """A random PIN of PIN_DIGITS digits (never all the same digit)."""
    while True:
        pin = "".join(secrets.choice("0123456789") for _ in range(PIN_DIGITS))
        if len(set(pin)) > 1:
            return pin


def clean_reg_number(value: str) -> str:
    """The registration number in its stored form (upper case, no spaces), or EnrolmentError."""
    reg = re.sub(r"\s+", "", value or "").upper()
    if not REG_NUMBER.fullmatch(reg):
        raise EnrolmentError("registration_number", "format", reg[:40])
    return reg


def clean_name(value: str | None) -> str | None:
    """An optional display name: trimmed, printable, at most NAME_MAX characters."""
    name = " ".join((value or "").split())
    if not name:
        return None
    if len(name) > NAME_MAX or any(not ch.isprintable() for ch in name):
        raise EnrolmentError("name", "too_long")
    return name


def clean_language(value: str, languages: tuple[str, ...]) -> str:
    """A supported language code, or EnrolmentError naming the supported ones."""
    code = (value or "").strip().lower() or languages[0]
    if code not in languages:
        raise EnrolmentError("language", "unknown", code[:16])
    return code


def clean_release(value: str | dt.date | None, *, today: dt.date) -> dt.date | None:
    """An optional expected release date (YYYY-MM-DD or DD-MM-YYYY), within sensible bounds."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.date):
        date = value
    else:
        text = str(value).strip()
        date = None
        for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
            try:
                date = dt.datetime.strptime(text, pattern).date()
                break
            except ValueError:
                continue
        if date is None:
            raise EnrolmentError("release_date", "format", text[:40])
    latest = today.replace(year=today.year + LATEST_RELEASE_YEARS)
    if not EARLIEST_RELEASE <= date <= latest:
        raise EnrolmentError("release_date", "impossible", date.isoformat())
    return date


def enrol(
    session: Session,
    reg_number: str,
    *,
    pi: str,
    languages: tuple[str, ...],
    language: str = "",
    name: str | None = None,
    release: str | dt.date | None = None,
    today: dt.date | None = None,
) -> Enrolled:
    """Adds a detainee with a new PIN; DetaineeExists when the number is already enrolled."""
    today = today or dt.date.today()
    reg = clean_reg_number(reg_number)
    fields = {
        "display_name": clean_name(name),
        "language": clean_language(language, languages),
        "expected_release": clean_release(release, today=today),
    }
    existing = session.scalars(select(Detainee).where(Detainee.reg_number == reg)).one_or_none()
    if existing is not None:
        raise DetaineeExists(reg)
    detainee = queries.create_detainee(session, reg, pi=pi, **fields)
    pin = new_pin()
    detainee.pin_hash = hash_secret(pin)
    return Enrolled(reg, pin)


def reset_pin(session: Session, detainee: Detainee) -> Enrolled:
    """A new PIN for the detainee; the old one stops working and the lockout is lifted."""
    pin = new_pin()
    detainee.pin_hash = hash_secret(pin)
    detainee.failed_logins = 0
    detainee.locked_until = None
    return Enrolled(detainee.reg_number, pin)


def set_release(
    session: Session, detainee: Detainee, release: str | dt.date | None, *, today: dt.date
) -> dt.date | None:
    """Changes (or clears) the expected release date; returns the stored date."""
    detainee.expected_release = clean_release(release, today=today)
    return detainee.expected_release


def end_access(session: Session, detainee: Detainee, *, now: dt.datetime | None = None) -> None:
    """Ends kiosk access (at release): the PIN is removed and sign-in refused from now on."""
    detainee.access_ended_at = now or utcnow()
    detainee.pin_hash = None


def has_access(detainee: Detainee) -> bool:
    """Whether the detainee may still sign in at the kiosk."""
    return detainee.access_ended_at is None and bool(detainee.pin_hash)


@dataclasses.dataclass
class ImportReport:
    """What an import did: the enrolled people with their PINs, and each bad row."""

    enrolled: list[Enrolled] = dataclasses.field(default_factory=list)
    errors: list[tuple[int, EnrolmentError]] = dataclasses.field(default_factory=list)

    @property
    def skipped_lines(self) -> list[int]:
        return [line for line, _ in self.errors]


def import_csv(
    session: Session,
    text: str,
    *,
    pi: str,
    languages: tuple[str, ...],
    skip_bad: bool = False,
    today: dt.date | None = None,
) -> ImportReport:
    """Enrols every row of a CSV export (header: registration_number,name,release_date,language).

    Every bad row is reported with its line number. Unless ``skip_bad``, nothing is
    imported when any row is bad; with it, the good rows are imported.
    """
    today = today or dt.date.today()
    report = ImportReport()
    sample = text[:2048]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t") if sample.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = [h.strip().lower() for h in next(reader, [])]
    if "registration_number" not in header:
        report.errors.append((1, EnrolmentError("registration_number", "header")))
        return report
    index = {column: header.index(column) for column in IMPORT_COLUMNS if column in header}
    rows: list[tuple[int, dict[str, str]]] = []
    seen: dict[str, int] = {}
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(rows) + len(report.errors) >= MAX_IMPORT_ROWS:
            report.errors.append((line, EnrolmentError("file", "too_many", str(MAX_IMPORT_ROWS))))
            break
        values = {c: (row[i].strip() if i < len(row) else "") for c, i in index.items()}
        try:
            reg = clean_reg_number(values.get("registration_number", ""))
            clean_name(values.get("name"))
            clean_language(values.get("language", ""), languages)
            clean_release(values.get("release_date"), today=today)
        except EnrolmentError as error:
            report.errors.append((line, error))
            continue
        if reg in seen:
            report.errors.append((line, EnrolmentError("registration_number", "duplicate", reg)))
            continue
        if session.scalars(select(Detainee.id).where(Detainee.reg_number == reg)).first():
            report.errors.append((line, DetaineeExists(reg)))
            continue
        seen[reg] = line
        rows.append((line, values))
    if report.errors and not skip_bad:
        return report
    for _line, values in rows:
        report.enrolled.append(
            enrol(
                session,
                values["registration_number"],
                pi=pi,
                languages=languages,
                language=values.get("language", ""),
                name=values.get("name"),
                release=values.get("release_date"),
                today=today,
            )
        )
    return report


def detainees_of(session: Session, pi: str) -> list[Detainee]:
    """The detainees of one PI, by registration number."""
    return list(
        session.scalars(select(Detainee).where(Detainee.pi == pi).order_by(Detainee.reg_number))
    )
