"""The languages the assistant speaks: codes come from settings, names from Babel (CLDR)."""

from __future__ import annotations

import functools

from babel import Locale

SOURCE_LANGUAGE = "nl"


@functools.cache
def native_name(code: str) -> str:
    """The language's name in itself, capitalised: Nederlands, English, العربية, Polski."""
    name = Locale.parse(code).get_display_name(code) or code
    return name[:1].upper() + name[1:]


@functools.cache
def is_rtl(code: str) -> bool:
    """Whether the language is written right to left."""
    return Locale.parse(code).character_order == "right-to-left"


def direction(code: str) -> str:
    """HTML `dir` value for the language."""
    return "rtl" if is_rtl(code) else "ltr"


def normalise(code: str | None, supported: tuple[str, ...]) -> str | None:
    """A supported language code for input like 'TR', 'tr_TR' or 'tr-TR', else None."""
    if not code:
        return None
    base = str(code).strip().replace("-", "_").split("_")[0].lower()
    return base if base in supported else None
