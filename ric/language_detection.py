"""Detecting the language of free text with lingua, restricted to the supported languages.

Only long enough messages count, and only a confident result: "ok" or a single word
never switches. The caller asks the user before switching.
"""

from __future__ import annotations

import functools

from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

MIN_CHARACTERS = 12
MIN_WORDS = 3
MIN_CONFIDENCE = 0.7


@functools.lru_cache(maxsize=8)
def _detector(languages: tuple[str, ...]):  # noqa: ANN202
    known = [
        Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in languages
    ]
    return LanguageDetectorBuilder.from_languages(*known).build()


def detect(text: str, languages: tuple[str, ...]) -> tuple[str, float] | None:
    """(language code, confidence) of a long enough text, or None when too short or unsure."""
    cleaned = " ".join((text or "").split())
    if cleaned.startswith("/") or len(cleaned) < MIN_CHARACTERS:
        return None
    if len(cleaned.split()) < MIN_WORDS and not _is_arabic(cleaned):
        return None
    values = _detector(tuple(sorted(languages))).compute_language_confidence_values(cleaned)
    if not values:
        return None
    best = values[0]
    if best.value < MIN_CONFIDENCE:
        return None
    return best.language.iso_code_639_1.name.lower(), float(best.value)


def _is_arabic(text: str) -> bool:
    return any("\u0600" <= char <= "\u06ff" for char in text)
