"""Multilingual texts: a mapping from language code to text, with a logged Dutch fallback."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from ric.languages import SOURCE_LANGUAGE

logger = logging.getLogger(__name__)

MultiText = Mapping[str, str]


class MissingTranslation(LookupError):
    """A text lacks a language that is not marked pending."""


def pick(text: MultiText, lang: str, pending: tuple[str, ...] = (), where: str = "") -> str:
    """The text in the language; Dutch only while that language is pending (logged)."""
    value = text.get(lang)
    if value:
        return value
    if lang in pending or lang == SOURCE_LANGUAGE:
        logger.warning("Translation pending: %s has no %r text, Dutch shown", where, lang)
        return text.get(SOURCE_LANGUAGE, "")
    raise MissingTranslation(f"{where} has no {lang!r} text and it is not marked pending")


def check_text(
    value: object, where: str, languages: tuple[str, ...], pending: tuple[str, ...]
) -> list[str]:
    """Problems with one multilingual text field (empty list when it is fine)."""
    if not isinstance(value, Mapping):
        return [f"{where}: must map language codes to text"]
    problems = []
    for lang, text in value.items():
        if lang not in languages:
            problems.append(f"{where}: unknown language {lang!r}")
        elif not isinstance(text, str) or not text.strip():
            problems.append(f"{where}.{lang}: must be a non-empty text")
    for lang in languages:
        if lang not in value and (lang == SOURCE_LANGUAGE or lang not in pending):
            problems.append(f"{where}: missing {lang!r} (add it, or list it under pending)")
    return problems
