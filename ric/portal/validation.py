"""Validation at the edge of the portal: ids, slugs, dates, numbers, JSON and form bodies.

Handlers parse what a client sends with these functions. Input that cannot be right
raises `InvalidInput` (answered 400 with a clear message by the `errors` middleware in
app.py) or 404 for an id or slug that cannot exist; nothing a client sends should reach
the middleware's plain 500 page. Every text a form or JSON body carries is cleaned
(`ric.text.clean_text`) before a handler sees it.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from typing import Any

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError
from multidict import MultiDict, MultiDictProxy

from ric.content.articles import SLUG
from ric.text import clean_text

MAX_ID = 2**63 - 1  # the largest value of a 64-bit signed integer column
MAX_SLUG = 64
EARLIEST = dt.date(2000, 1, 1)  # dates outside this range are typing errors here
LATEST = dt.date(2100, 12, 31)
MAX_JSON_DEPTH = 16
MAX_NUMBER_CHARS = 32
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # what spreadsheets read as a formula
ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


def N_(msgid: str) -> str:  # noqa: N802 - gettext's name for "extract, translate later"
    """Marks a catalog message for `pybabel extract`; it is translated where it is shown."""
    return msgid


# What aiohttp raises on a body it cannot read as a form: malformed multipart (bad part
# headers, a missing boundary), an unknown charset, bytes that are not text.
MALFORMED_BODY = (
    ValueError,
    LookupError,
    AssertionError,
    TypeError,
    KeyError,
    HttpProcessingError,
)

# Messages (Dutch source text, translated through the catalogs by the middleware).
BAD_REQUEST = N_("Dit verzoek klopt niet. Controleer wat je invulde en probeer het opnieuw.")
BAD_DATE = N_("Deze datum klopt niet. Gebruik een bestaande datum tussen 2000 en 2100.")
BAD_TIME = N_("Deze tijd klopt niet. Gebruik uren en minuten, zoals 14:30.")
BAD_NUMBER = N_("Dit getal klopt niet. Controleer wat je invulde en probeer het opnieuw.")


class InvalidInput(Exception):
    """Input a client sent that cannot be used; `msgid` says why, in the catalogs' Dutch."""

    def __init__(self, msgid: str = BAD_REQUEST) -> None:
        super().__init__(msgid)
        self.msgid = msgid


def parse_id(value: Any) -> int:
    """A database id from a URL or form: 1 … 2^63-1 in ASCII digits, else 404."""
    text = str(value)
    if not text.isascii() or not text.isdigit() or len(text) > 19:
        raise web.HTTPNotFound()
    number = int(text)
    if not 1 <= number <= MAX_ID:
        raise web.HTTPNotFound()
    return number


def parse_slug(value: Any) -> str:
    """An article slug (lower-case words joined by '-', at most 64 characters), else 404."""
    text = str(value)
    if len(text) > MAX_SLUG or not text.isascii() or not SLUG.match(text):
        raise web.HTTPNotFound()
    return text


def parse_date(value: Any) -> dt.date | None:
    """A date as YYYY-MM-DD between 2000 and 2100, None when empty, else InvalidInput."""
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    if not ISO_DATE.match(text):
        raise InvalidInput(BAD_DATE)
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(BAD_DATE) from None
    if not EARLIEST <= day <= LATEST:
        raise InvalidInput(BAD_DATE)
    return day


def parse_int(value: Any, *, low: int, high: int, default: int | None = None) -> int:
    """A whole number between low and high (default when empty), else InvalidInput."""
    text = "" if value is None else str(value).strip()
    if not text and default is not None:
        return default
    if not text or len(text) > 12 or not re.fullmatch(r"-?[0-9]+", text):
        raise InvalidInput(BAD_NUMBER)
    number = int(text)
    if not low <= number <= high:
        raise InvalidInput(BAD_NUMBER)
    return number


def _small_int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise InvalidInput(BAD_REQUEST)
    return int(text)


def _small_float(text: str) -> float:
    number = float(text) if len(text) <= MAX_NUMBER_CHARS else math.inf
    if not math.isfinite(number):
        raise InvalidInput(BAD_REQUEST)
    return number


def _no_constant(_text: str) -> Any:
    raise InvalidInput(BAD_REQUEST)


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, list):
        return [_cleaned(item) for item in value]
    if isinstance(value, dict):
        return {clean_text(str(key)): _cleaned(item) for key, item in value.items()}
    return value


def _nesting(text: str) -> int:
    """How deep arrays and objects nest in a JSON text (brackets inside strings skipped)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def loads_json(raw: bytes) -> Any:
    """A JSON body as Python values with cleaned texts; InvalidInput for anything odd.

    Refused: bytes that are not UTF-8, nesting deeper than MAX_JSON_DEPTH, numbers longer
    than MAX_NUMBER_CHARS characters, NaN and Infinity, and anything that is not JSON.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(BAD_REQUEST) from None
    if _nesting(text) > MAX_JSON_DEPTH:
        raise InvalidInput(BAD_REQUEST)
    try:
        data = json.loads(
            text, parse_int=_small_int, parse_float=_small_float, parse_constant=_no_constant
        )
    except (ValueError, RecursionError):
        raise InvalidInput(BAD_REQUEST) from None
    return _cleaned(data)


async def read_json(request: web.Request) -> Any:
    """The request's JSON body (see loads_json); the app's size limit applies."""
    return loads_json(await request.read())


async def read_form(request: web.Request) -> MultiDictProxy:
    """The posted form (urlencoded or multipart) with cleaned texts; InvalidInput if malformed."""
    try:
        form = await request.post()
    except web.HTTPException:
        raise
    except MALFORMED_BODY:
        raise InvalidInput(BAD_REQUEST) from None
    return MultiDictProxy(MultiDict((clean_text(k), _cleaned(v)) for k, v in form.items()))


def parse_time(value: Any) -> dt.time | None:
    """A time of day as HH:MM, None when empty, else InvalidInput."""
    text = "" if value is None else str(value).strip()
    if not text:
        return None
    if not re.fullmatch(r"[0-9]{2}:[0-9]{2}", text):
        raise InvalidInput(BAD_TIME)
    try:
        return dt.time.fromisoformat(text)
    except ValueError:
        raise InvalidInput(BAD_TIME) from None


def csv_cell(value: Any) -> str:
    """A cell a spreadsheet shows as text: one starting like a formula gets a leading quote."""
    text = "" if value is None else str(value)
    if text[:1] in FORMULA_STARTS:
        return "'" + text
    return text


MAX_PAGE = 100_000


def page_number(request: web.Request) -> int:
    """The ?page= of a paged list (1 when absent); anything but 1 … 100000 is a 400."""
    return parse_int(request.query.get("page"), low=1, high=MAX_PAGE, default=1)
