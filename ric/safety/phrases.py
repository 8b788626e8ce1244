"""The safety files `knowledge/safety/<lang>.yml`: chat spellings, idioms, phrases, examples.

Each file holds, for one language:

``spellings``  chat spellings replaced per whole word before matching ("mn": "mijn"),
               one language's at a time: Polish "cos" is not English "cos";
``ignore``     harmless idioms removed before matching ("lach me dood");
``phrases``    per category, what always raises the alarm: a string is a regular
               expression that must start at a word start; a list is a set of such
               expressions that must all occur, in any order ("zabic", "sie");
``examples``   per category, crisis messages for the semantic check;
``harmless``   close but harmless messages, the semantic check's counter-examples.

Phrases are compared with the normalised text (ric.normalise), so they may be
written with or without diacritics. Every language's phrases are checked on every
message: people mix languages.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ric.normalise import fold, normalise
from ric.settings import ROOT

CATEGORIES: tuple[str, ...] = ("suicide", "harm_others", "threatened")
DEFAULT_CATEGORY = "suicide"

_lock = threading.Lock()
_cache: dict[Path, tuple[tuple, SafetyData]] = {}


class SafetyFileError(ValueError):
    """A safety file that cannot be used (names the file and the problem)."""


@dataclass(frozen=True)
class Rule:
    """One phrase: all of its patterns must match the normalised text."""

    patterns: tuple[re.Pattern[str], ...]
    source: str

    def matches(self, text: str) -> bool:
        return all(p.search(text) for p in self.patterns)


@dataclass
class SafetyData:
    """Everything in the safety files, compiled."""

    spellings: dict[str, dict[str, str]] = field(default_factory=dict)  # per language
    ignore: list[re.Pattern[str]] = field(default_factory=list)
    rules: dict[str, list[Rule]] = field(default_factory=dict)
    examples: list[tuple[str, str, str]] = field(default_factory=list)  # (category, lang, text)
    harmless: list[tuple[str, str]] = field(default_factory=list)  # (lang, text)
    # Ordinary messages (the other intents' training examples): counter-examples too, so
    # "nee nooit gehad" or "plan een afspraak voor mij" is never a crisis by meaning.
    ordinary: list[str] = field(default_factory=list)
    signature: tuple = ()

    def prepare(self, text: str, lang: str | None = None) -> str:
        """The normalised text (with that language's chat spellings, when given) with the
        harmless idioms removed."""
        text = normalise(text, self.spellings.get(lang) if lang else None)
        for pattern in self.ignore:
            text = pattern.sub(" ", text)
        return " ".join(text.split())

    def variants(self, text: str) -> list[str]:
        """The prepared text without chat spellings and with each language's."""
        found = [self.prepare(text)] + [self.prepare(text, lang) for lang in self.spellings]
        return list(dict.fromkeys(found))

    def phrase_category(self, prepared: str | list[str]) -> str | None:
        """The first category (in CATEGORIES order) with a phrase in the prepared text
        (or in any of several prepared forms of it)."""
        texts = [prepared] if isinstance(prepared, str) else prepared
        for category in CATEGORIES:
            rules = self.rules.get(category, ())
            if any(rule.matches(text) for rule in rules for text in texts):
                return category
        return None


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(rf"(?<!\w)(?:{fold(pattern)})")
    except re.error as error:
        raise SafetyFileError(f"{where}: not a valid pattern {pattern!r}: {error}") from None


def _rule(phrase: object, where: str) -> Rule:
    if isinstance(phrase, str) and phrase.strip():
        return Rule((_compile(phrase, where),), phrase)
    if isinstance(phrase, list) and phrase and all(isinstance(p, str) and p for p in phrase):
        return Rule(tuple(_compile(p, where) for p in phrase), " + ".join(phrase))
    raise SafetyFileError(f"{where}: a phrase is a text or a list of texts, not {phrase!r}")


def _texts(value: object, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SafetyFileError(f"{where}: expected a list of texts")
    return [v for v in value if v.strip()]


def _read(path: Path, data: SafetyData) -> None:
    lang = path.stem
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise SafetyFileError(f"{path.name}: not valid YAML ({error})") from None
    if not isinstance(raw, dict):
        raise SafetyFileError(f"{path.name}: expected a mapping")
    spellings = data.spellings.setdefault(lang, {})
    for word, replacement in (raw.get("spellings") or {}).items():
        spellings[normalise(str(word))] = normalise(str(replacement))
    idioms = _texts(raw.get("ignore"), f"{path.name} ignore")
    data.ignore += [_compile(p, f"{path.name} ignore") for p in idioms]
    for category, phrases in (raw.get("phrases") or {}).items():
        if category not in CATEGORIES:
            raise SafetyFileError(f"{path.name}: unknown category {category!r}")
        where = f"{path.name} phrases.{category}"
        data.rules.setdefault(category, []).extend(_rule(p, where) for p in phrases or ())
    for category, texts in (raw.get("examples") or {}).items():
        if category not in CATEGORIES:
            raise SafetyFileError(f"{path.name}: unknown category {category!r}")
        where = f"{path.name} examples.{category}"
        data.examples += [(category, lang, t) for t in _texts(texts, where)]
    data.harmless += [(lang, t) for t in _texts(raw.get("harmless"), f"{path.name} harmless")]


def files(knowledge_dir: Path) -> list[Path]:
    return sorted((Path(knowledge_dir) / "safety").glob("*.yml"))


def ordinary_messages(nlu_dir: Path = ROOT / "bot" / "data" / "nlu") -> list[str]:
    """Every hand-written training example except the `safety` intent's."""
    from ric.knowledge.nlu_data import hand_written_examples

    if not Path(nlu_dir).is_dir():
        return []
    return sorted(hand_written_examples(nlu_dir, skip_intents={"safety", "choose"}))


def load(knowledge_dir: Path) -> SafetyData:
    """The compiled safety files (re-read when one of them changes)."""
    paths = files(knowledge_dir)
    signature = tuple((p.name, p.stat().st_mtime_ns, p.stat().st_size) for p in paths)
    key = Path(knowledge_dir)
    with _lock:
        cached = _cache.get(key)
        if cached is not None and cached[0] == signature:
            return cached[1]
    data = SafetyData(signature=signature)
    for path in paths:
        _read(path, data)
    if paths:
        data.ordinary = ordinary_messages()
    with _lock:
        _cache[key] = (signature, data)
    return data
