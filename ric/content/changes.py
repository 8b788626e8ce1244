"""What a saved edit changed, field by field and language by language, in words.

The editor's history shows "Antwoord (nl) gewijzigd: … → …" with the words that went
and came, instead of a diff of the whole YAML file of five languages.
"""

from __future__ import annotations

import dataclasses
import difflib
from collections.abc import Mapping
from typing import Any

import yaml

from ric.content.translations import ARTICLE_TEXT_FIELDS, FIELD, flow_texts

ARTICLE_LIST_FIELDS = ("examples",)


@dataclasses.dataclass(frozen=True)
class FieldChange:
    """One field in one language (None: a field of the whole document) before and after."""

    field: str
    lang: str | None
    before: str
    after: str

    def words(self) -> list[tuple[str, str]]:
        """The text as (kind, words) pieces: kind '' kept, 'del' gone, 'add' new."""
        old, new = self.before.split(), self.after.split()
        pieces: list[tuple[str, str]] = []
        matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
        for op, a1, a2, b1, b2 in matcher.get_opcodes():
            if op == "equal":
                pieces.append(("", " ".join(old[a1:a2])))
                continue
            if a2 > a1:
                pieces.append(("del", " ".join(old[a1:a2])))
            if b2 > b1:
                pieces.append(("add", " ".join(new[b1:b2])))
        return pieces


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n".join(v.strip() for v in value)
    return yaml.safe_dump(value, allow_unicode=True, sort_keys=False, width=10_000).strip()


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _document_changes(
    old: Mapping[str, Any], new: Mapping[str, Any], skip: set[str]
) -> list[FieldChange]:
    keys = [k for k in (*old, *[k for k in new if k not in old]) if k not in skip]
    return [
        FieldChange(key, None, _text(old.get(key)), _text(new.get(key)))
        for key in keys
        if old.get(key) != new.get(key)
    ]


def article_changes(old: Any, new: Any, languages: tuple[str, ...]) -> list[FieldChange]:
    """Every changed text, example list and synonym list per language, then other fields."""
    old, new = _mapping(old), _mapping(new)
    found: list[FieldChange] = []
    for lang in languages:
        before, after = _mapping(old.get(lang)), _mapping(new.get(lang))
        for field in (*ARTICLE_TEXT_FIELDS, *ARTICLE_LIST_FIELDS):
            if before.get(field) != after.get(field):
                found.append(
                    FieldChange(field, lang, _text(before.get(field)), _text(after.get(field)))
                )
        synonyms = _mapping(old.get("synonyms")).get(lang), _mapping(new.get("synonyms")).get(lang)
        if synonyms[0] != synonyms[1]:
            found.append(FieldChange("synonyms", lang, _text(synonyms[0]), _text(synonyms[1])))
    return found + _document_changes(old, new, {*languages, "synonyms", FIELD})


def flow_changes(old: Any, new: Any, languages: tuple[str, ...]) -> list[FieldChange]:
    """Every changed text of a flow per language; a change of the steps themselves (a new
    step, another next step) as one change of 'steps'."""
    old, new = _mapping(old), _mapping(new)
    before = {path: (label, texts) for path, label, texts in flow_texts(old)}
    after = {path: (label, texts) for path, label, texts in flow_texts(new)}
    found: list[FieldChange] = []
    for path in (*before, *[p for p in after if p not in before]):
        label = (after.get(path) or before[path])[0]
        old_texts = _mapping((before.get(path) or ("", {}))[1])
        new_texts = _mapping((after.get(path) or ("", {}))[1])
        for lang in languages:
            if old_texts.get(lang) != new_texts.get(lang):
                found.append(
                    FieldChange(label, lang, _text(old_texts.get(lang)), _text(new_texts.get(lang)))
                )
    structure = _without_texts(old, languages), _without_texts(new, languages)
    return found + _document_changes(*structure, {"title", "intro", FIELD})


def _without_texts(data: Mapping[str, Any], languages: tuple[str, ...]) -> dict[str, Any]:
    """The flow with every language text taken out: its structure only."""

    def strip(value: Any) -> Any:
        if isinstance(value, Mapping):
            if value and set(value) <= set(languages):
                return None
            return {k: strip(v) for k, v in value.items()}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(dict(data))
