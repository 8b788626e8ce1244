"""Which translations still match the Dutch text they were made from.

Every article and flow file keeps `translated_from: {lang: fingerprint}`: per language, a
fingerprint of the Dutch text that language's translation was last checked against. A
translation is *outdated* when the Dutch text has changed since (its fingerprint is no
longer the Dutch text's), *current* when it matches, and *missing* while the language is
pending. Because the fingerprint is of the text itself, a roll-back that brings the Dutch
text back also brings its translations back to current; example questions and synonyms
are per language and never make a translation outdated.

The editor stamps a language when its translation is saved; `ric knowledge
mark-translated` does it from the command line after a translator's check.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from ric.languages import SOURCE_LANGUAGE

FIELD = "translated_from"
ARTICLE_TEXT_FIELDS = ("title", "answer", "easy", "more")  # shown to the detainee
STATUSES = ("current", "outdated", "missing")


def flow_texts(data: Any) -> list[tuple[str, str, dict[str, str]]]:
    """Every translatable text of a flow: (dotted path, what it is, the texts by language)."""
    data = data if isinstance(data, Mapping) else {}
    fields = [
        ("title", "title", data.get("title") or {}),
        ("intro", "intro", data.get("intro") or {}),
    ]
    for i, step in enumerate(data.get("steps") or []):
        if not isinstance(step, Mapping):
            continue
        for key in ("text", "why"):
            if isinstance(step.get(key), Mapping):
                fields.append((f"steps.{i}.{key}", f"{step.get('id')} · {key}", step[key]))
        for j, option in enumerate(step.get("options") or []):
            if isinstance(option, Mapping) and isinstance(option.get("label"), Mapping):
                label = (f"steps.{i}.options.{j}.label", f"{step.get('id')} · {option.get('id')}")
                fields.append((*label, option["label"]))
        task = step.get("task")
        if isinstance(task, Mapping) and isinstance(task.get("title"), Mapping):
            fields.append((f"steps.{i}.task.title", f"{step.get('id')} · task", task["title"]))
    return fields


def source_texts(data: Any, kind: str) -> list[str]:
    """The Dutch texts a translation is made from, in file order."""
    if kind == "flow":
        return [str(texts.get(SOURCE_LANGUAGE) or "") for _, _, texts in flow_texts(data)]
    block = data.get(SOURCE_LANGUAGE) if isinstance(data, Mapping) else None
    block = block if isinstance(block, Mapping) else {}
    return [str(block.get(field) or "").strip() for field in ARTICLE_TEXT_FIELDS]


def source_fingerprint(data: Any, kind: str) -> str:
    """A short fingerprint of the Dutch texts (whitespace at the ends ignored)."""
    joined = "\x1f".join(text.strip() for text in source_texts(data, kind))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:12]


def _present(data: Mapping[str, Any], kind: str, lang: str) -> bool:
    if lang in (data.get("pending") or []):
        return False
    return kind == "flow" or isinstance(data.get(lang), Mapping)


def status(data: Any, kind: str, lang: str) -> str:
    """'current', 'outdated' (the Dutch text changed since) or 'missing' (pending)."""
    data = data if isinstance(data, Mapping) else {}
    if not _present(data, kind, lang):
        return "missing"
    if lang == SOURCE_LANGUAGE:
        return "current"
    stamps = data.get(FIELD) if isinstance(data.get(FIELD), Mapping) else {}
    return "current" if stamps.get(lang) == source_fingerprint(data, kind) else "outdated"


def stamped(data: Mapping[str, Any], kind: str, langs: list[str] | tuple[str, ...]) -> dict:
    """The document with these languages marked as translated from today's Dutch text.
    A new `translated_from` goes right after `pending`, where the files keep it."""
    stamps = dict(data.get(FIELD) or {})
    for lang in langs:
        if lang != SOURCE_LANGUAGE:
            stamps[lang] = source_fingerprint(data, kind)
    stamps = {lang: stamps[lang] for lang in sorted(stamps)}
    if FIELD in data:
        return {key: (stamps if key == FIELD else value) for key, value in data.items()}
    new: dict[str, Any] = {}
    for key, value in data.items():
        new[key] = value
        if key == "pending":
            new[FIELD] = stamps
    if FIELD not in new:
        new[FIELD] = stamps
    return new


def problems(data: Mapping[str, Any], languages: tuple[str, ...], name: str) -> list[str]:
    """What is wrong with the `translated_from` field (empty list when fine or absent)."""
    stamps = data.get(FIELD)
    if stamps is None:
        return []
    if not isinstance(stamps, Mapping):
        return [f"{name}.{FIELD}: a mapping from language to fingerprint"]
    found = []
    for lang, value in stamps.items():
        if lang not in languages or lang == SOURCE_LANGUAGE:
            found.append(f"{name}.{FIELD}: {lang!r} is not a translated language")
        elif not isinstance(value, str):
            found.append(f"{name}.{FIELD}.{lang}: the fingerprint is a text")
    return found


def with_stamps_line(text: str, stamps: Mapping[str, str]) -> str:
    """The file's text with its `translated_from` line set to these stamps, changing no
    other line (comments and layout of hand-written files stay): the line is replaced
    where it is, else put right after the top-level `pending:` line, else at the top."""
    inner = ", ".join(f'{lang}: "{stamps[lang]}"' for lang in sorted(stamps))
    line = f"{FIELD}: {{{inner}}}"
    lines = text.splitlines()
    for index, old in enumerate(lines):
        if old.startswith(f"{FIELD}:"):
            lines[index] = line
            break
    else:
        at = next((i + 1 for i, old in enumerate(lines) if old.startswith("pending:")), 0)
        lines.insert(at, line)
    return "\n".join(lines) + "\n"
