"""The glossary in `knowledge/glossary.yml`: jargon and its easy explanation per language.

Format (knowledge/README.md): a list `terms`; each term has an `id` and, per language,
`words` (the forms recognised in that language's text) and `easy` (a short explanation).
The Dutch words are recognised in every language, because translations often keep the
Dutch term in brackets. Words written in capitals only (BRP, VOG) match case-sensitively.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from ric.languages import SOURCE_LANGUAGE

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MAX_EASY_WORDS = 40


class GlossaryError(ValueError):
    """The glossary file does not follow the format; the message lists every problem."""


@dataclasses.dataclass(frozen=True)
class Term:
    id: str
    words: Mapping[str, tuple[str, ...]]
    easy: Mapping[str, str]

    def words_in(self, lang: str) -> tuple[str, ...]:
        """The words recognised in a text of this language: its own, then the Dutch ones."""
        own = self.words.get(lang, ())
        return tuple(dict.fromkeys((*own, *self.words[SOURCE_LANGUAGE])))

    def explanation(self, lang: str) -> str:
        return self.easy.get(lang) or self.easy[SOURCE_LANGUAGE]


def validate_glossary(data: Any, languages: tuple[str, ...]) -> list[str]:
    """Every problem of a glossary document, in plain words (empty list when valid)."""
    if not isinstance(data, Mapping) or not isinstance(data.get("terms"), list):
        return ["glossary: the file must hold a mapping with a list `terms`"]
    problems: list[str] = []
    seen: set[str] = set()
    for index, term in enumerate(data["terms"]):
        where = f"glossary.terms[{index}]"
        if not isinstance(term, Mapping):
            problems.append(f"{where}: must be a mapping")
            continue
        term_id = term.get("id")
        if not isinstance(term_id, str) or not ID_PATTERN.match(term_id):
            problems.append(f"{where}.id: lowercase words joined by '-'")
        elif term_id in seen:
            problems.append(f"{where}.id: {term_id!r} appears twice")
        else:
            seen.add(term_id)
            where = f"glossary.{term_id}"
        for key in sorted(set(term) - {"id", *languages}):
            problems.append(f"{where}: unknown field {key!r}")
        for lang in languages:
            block = term.get(lang)
            if not isinstance(block, Mapping):
                problems.append(f"{where}: missing {lang!r}")
                continue
            words = block.get("words")
            if (
                not isinstance(words, list)
                or not words
                or not all(isinstance(w, str) and w.strip() for w in words)
            ):
                problems.append(f"{where}.{lang}.words: a list of at least one word")
            easy = block.get("easy")
            if not isinstance(easy, str) or not easy.strip():
                problems.append(f"{where}.{lang}.easy: must be a non-empty text")
            elif lang != "ar" and len(easy.split()) > MAX_EASY_WORDS:
                problems.append(f"{where}.{lang}.easy: keep it under {MAX_EASY_WORDS} words")
    return problems


def parse_glossary(data: Mapping[str, Any], languages: tuple[str, ...]) -> tuple[Term, ...]:
    """Typed terms from a document that passed :func:`validate_glossary`."""
    return tuple(
        Term(
            id=term["id"],
            words={lang: tuple(w.strip() for w in term[lang]["words"]) for lang in languages},
            easy={lang: term[lang]["easy"].strip() for lang in languages},
        )
        for term in data["terms"]
    )


def read_glossary_file(path: Path, languages: tuple[str, ...]) -> tuple[Term, ...]:
    """Loads and validates the glossary; GlossaryError lists every problem."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise GlossaryError(f"{Path(path).name}: not valid YAML: {error}") from error
    problems = validate_glossary(data, languages)
    if problems:
        raise GlossaryError("\n".join(problems))
    return parse_glossary(data, languages)


_lock = threading.Lock()
_cache: dict[tuple[Path, tuple[str, ...]], tuple[float, tuple[Term, ...]]] = {}


def load_glossary(knowledge_dir: Path, languages: tuple[str, ...]) -> tuple[Term, ...]:
    """The glossary of a knowledge folder (re-read when the file changes; none when absent)."""
    path = Path(knowledge_dir) / "glossary.yml"
    try:
        mtime = path.stat().st_mtime
    except FileNotFoundError:
        return ()
    key = (path, tuple(languages))
    with _lock:
        cached = _cache.get(key)
        if cached is not None and cached[0] == mtime:
            return cached[1]
    terms = read_glossary_file(path, languages)
    with _lock:
        _cache[key] = (mtime, terms)
    return terms


def _word_pattern(word: str) -> re.Pattern[str]:
    """A whole-word match; words in capitals only (BRP) are matched case-sensitively."""
    flags = 0 if word.isupper() else re.IGNORECASE
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", flags)


def terms_in(text: str, lang: str, terms: tuple[Term, ...]) -> list[str]:
    """The ids of the terms whose words occur in the text, in the order of the glossary.

    The kiosk script applies the same rule (whole words; capitals-only words exactly).
    """
    return [
        term.id
        for term in terms
        if any(_word_pattern(word).search(text) for word in term.words_in(lang))
    ]


def for_kiosk(terms: tuple[Term, ...], lang: str) -> list[dict[str, Any]]:
    """The glossary in one language as the kiosk script reads it."""
    return [
        {"id": term.id, "words": list(term.words_in(lang)), "easy": term.explanation(lang)}
        for term in terms
    ]
