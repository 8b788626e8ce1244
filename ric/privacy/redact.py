"""Redaction of personal numbers in a typed message, before it is stored or sent to Rasa.

What is replaced (docs/privacy.md, "Redaction"):

- e-mail addresses → ``[e-mail]``;
- IBANs that pass the ISO 7064 check (``stdnum.iban``), with or without spaces → ``[IBAN]``;
- Dutch phone numbers: 06…, 0xx…, +31…, 0031… with ten digits in all (spaces, dashes,
  dots and ``(0)`` allowed) → ``[telefoon]``;
- BSNs: nine digits that pass the 11-proof (``stdnum.nl.bsn``), also written
  ``123 456 782`` or ``1234.56.782`` → ``[BSN]``; nine digits that fail it stay;
- dates that can be a date of birth: a day, month and year (``12-03-1990``, ``1/2/85``,
  ``1990-03-12``, ``12 maart 1990``) whose year is at least ``ADULT_YEARS`` back →
  ``[datum]``. Dates without a year ("dinsdag 3 december") and recent or future dates
  (a spreekuur, a release date) stay, because the conversation needs them.

Ordinary numbers stay as they are: amounts ("1200 euro"), times ("10:30"), short
numbers, registration numbers, 0800/0900 numbers (the crisis line 0800-0113).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

from stdnum import iban as stdnum_iban
from stdnum.nl import bsn as stdnum_bsn

ADULT_YEARS = 12  # a full date at least this many years back can be a date of birth

PLACEHOLDERS = {
    "email": "[e-mail]",
    "iban": "[IBAN]",
    "phone": "[telefoon]",
    "bsn": "[BSN]",
    "date": "[datum]",
}

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.[A-Za-z]{2,24}")
IBAN_START = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?=[ ]?[A-Za-z0-9])")
IBAN_MAX_WRITTEN = 42  # 34 characters at most, plus a space between groups of four
IBAN_BODY = re.compile(r"[A-Za-z0-9](?:[ ]?[A-Za-z0-9]){0,41}")  # IBAN_MAX_WRITTEN in all
SEP = r"[ .\-]?"
PHONE = re.compile(
    r"(?<![\w+])(?:\+31|0031|0)" + SEP + r"(?:\(0\)" + SEP + r")?" + r"[1-9](?:" + SEP + r"\d){8}"
    r"(?![\w])"
)
BSN = re.compile(r"(?<![\w.\-])\d(?:" + SEP + r"\d){8}(?![\w]|[.\-]\d)")
MONTHS = {
    # Dutch
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10,
    "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    # English
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "october": 10, "oct": 10,
}  # fmt: skip
NUMERIC_DATE = re.compile(r"(?<![\w.\-/])(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?![\w]|[-/.]\d)")
ISO_DATE = re.compile(r"(?<![\w.\-/])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w]|[-/.]\d)")
WORD_DATE = re.compile(
    r"(?<![\w])(\d{1,2})\s+(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{4})"
    r"(?![\w])",
    re.IGNORECASE,
)


@dataclasses.dataclass(frozen=True)
class Redaction:
    """The message with personal numbers replaced, and which kinds were found."""

    text: str
    kinds: frozenset[str]

    @property
    def changed(self) -> bool:
        return bool(self.kinds)


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value)


def _iban_spans(text: str) -> list[tuple[int, int]]:
    """Spans of valid IBANs: the longest run of letters and digits from a start that checks.

    The ISO 7064 remainder is carried along character by character (linear time, also
    for long hostile input); only a candidate that passes it goes to stdnum's full check.
    """
    spans: list[tuple[int, int]] = []
    for start in IBAN_START.finditer(text):
        begin = start.start()
        if spans and begin < spans[-1][1]:
            continue
        body = IBAN_BODY.match(text, begin).group(0)
        head = int("".join(str(int(c, 36)) for c in body[:4].upper()))  # 6 digits
        remainder, length, ends = 0, 4, []
        for pos in range(4, len(body)):
            if body[pos] == " ":
                continue
            value = int(body[pos], 36)
            remainder = (remainder * (100 if value >= 10 else 10) + value) % 97
            length += 1
            after = begin + pos + 1
            boundary = after == len(text) or not (text[after].isascii() and text[after].isalnum())
            if boundary and 15 <= length <= 34 and (remainder * 10**6 + head) % 97 == 1:
                ends.append(pos + 1)
        for stop in reversed(ends):
            if stdnum_iban.is_valid(body[:stop].replace(" ", "").upper()):
                spans.append((begin, begin + stop))
                break
    return spans


def _bsn_ok(match: re.Match[str]) -> bool:
    digits = _digits(match.group(0))
    return len(digits) == 9 and stdnum_bsn.is_valid(digits)


def _year(value: str, today: dt.date) -> int:
    year = int(value)
    if len(value) == 2:
        year += 2000 if year <= today.year % 100 else 1900
    return year


def _birth_date(year: int, month: int, day: int, today: dt.date) -> bool:
    """A real calendar date at least ADULT_YEARS before today (so it can be a birthday)."""
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return 1900 <= year <= today.year - ADULT_YEARS


def _replace(text: str, pattern: re.Pattern[str], kind: str, keep, found: set[str]) -> str:  # noqa: ANN001
    def sub(match: re.Match[str]) -> str:
        if not keep(match):
            return match.group(0)
        found.add(kind)
        return PLACEHOLDERS[kind]

    return pattern.sub(sub, text)


def redact(text: str, *, today: dt.date | None = None) -> Redaction:
    """Replaces e-mail addresses, IBANs, phone numbers, BSNs and birth dates by placeholders."""
    today = today or dt.date.today()
    found: set[str] = set()
    text = _replace(text, EMAIL, "email", lambda m: True, found)
    spans = _iban_spans(text)
    if spans:
        found.add("iban")
        for start, end in reversed(spans):
            text = text[:start] + PLACEHOLDERS["iban"] + text[end:]
    text = _replace(text, PHONE, "phone", lambda m: True, found)
    text = _replace(
        text,
        NUMERIC_DATE,
        "date",
        lambda m: _birth_date(_year(m.group(4), today), int(m.group(3)), int(m.group(1)), today),
        found,
    )
    text = _replace(
        text,
        ISO_DATE,
        "date",
        lambda m: _birth_date(int(m.group(1)), int(m.group(2)), int(m.group(3)), today),
        found,
    )
    text = _replace(
        text,
        WORD_DATE,
        "date",
        lambda m: _birth_date(int(m.group(3)), MONTHS[m.group(2).lower()], int(m.group(1)), today),
        found,
    )
    text = _replace(text, BSN, "bsn", _bsn_ok, found)
    return Redaction(text, frozenset(found))


def redact_text(text: str) -> str:
    """Only the redacted text (for pages that show stored messages)."""
    return redact(text).text
