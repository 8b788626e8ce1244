"""Knowledge articles: schema, validation and loading (format in knowledge/README.md)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from ric.content import translations
from ric.content.flows import PARTNER_KINDS
from ric.languages import SOURCE_LANGUAGE
from ric.store.models import CONDITIONS

REQUIRED_SLUGS: tuple[str, ...] = (
    "five-conditions", "ric", "consultation-hours", "internet-access", "brochures",
    "id-card", "digid", "brp-registration", "housing-search", "rent-during-detention",
    "postal-address", "shelter", "cv", "application-letter", "benefits", "job-search", "vog",
    "debt-overview", "debt-help", "cjib-fines", "allowances", "health-insurance",
    "medication-after-release", "addiction-care", "mental-health", "reclassering",
    "volunteers", "release-day", "bank-account", "digid-authorisation",
    "municipal-aftercare", "leave-and-last-phase", "children-and-family",
    "money-first-weeks", "work-and-study-in-detention", "non-dutch-nationals",
    "rent-arrears-eviction",
)  # fmt: skip
ARTICLE_CONDITIONS = (*CONDITIONS, "general")
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PUBLIC_URL = re.compile(r"^https://[a-z0-9.-]+\.[a-z]{2,}(/\S*)?$")
MAX_ANSWER_WORDS = 90  # "about 80": a little room for names of organisations
MIN_EXAMPLES = {SOURCE_LANGUAGE: 8}
MIN_EXAMPLES_OTHER = 5
TEXT_FIELDS = ("title", "answer", "easy")
REVIEW_AFTER_DAYS = 183  # about 6 months: an article checked longer ago needs a new check
MAX_SYNONYM_WORDS = 4  # a synonym is a word or a short name, never a question
MAX_SYNONYM_CHARS = 40
# Typing variants folded away when synonyms are compared (after accents are dropped):
# Polish ł, Turkish dotless i, Arabic tatweel, alef maqsura and taa marbuta.
_FOLD = str.maketrans({"ł": "l", "ı": "i", "ـ": "", "ى": "ي", "ة": "ه"})
_NOT_A_WORD = re.compile(r"[\W_]+")


def word_key(text: str) -> str:
    """A text as synonyms are compared: lower case, no accents or punctuation, single spaces.

    "GGZ?", " ggz" and "Ggz!" give "ggz", "Zasiłek" gives "zasilek", "GGZ-instelling" two words.
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c)).translate(_FOLD)
    return " ".join(_NOT_A_WORD.sub(" ", bare).split())


@dataclasses.dataclass(frozen=True)
class Source:
    org: str
    title: str
    url: str | None = None


@dataclasses.dataclass(frozen=True)
class ArticleText:
    """An article in one language."""

    title: str
    answer: str
    easy: str
    more: str | None
    examples: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class Article:
    slug: str
    condition: str
    last_checked: dt.date
    related: tuple[str, ...]
    offer: str | None
    sources: tuple[Source, ...]
    texts: Mapping[str, ArticleText]
    pending: tuple[str, ...]
    synonyms: Mapping[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)

    def text(self, lang: str) -> ArticleText:
        """The article in the language; Dutch while that language is pending."""
        return self.texts.get(lang) or self.texts[SOURCE_LANGUAGE]

    def synonyms_in(self, lang: str) -> tuple[str, ...]:
        """The synonyms recognised in a question of this language: its own, then the Dutch."""
        own = self.synonyms.get(lang, ())
        return tuple(dict.fromkeys((*own, *self.synonyms.get(SOURCE_LANGUAGE, ()))))


class ArticleError(ValueError):
    """An article file does not follow the schema; the message lists every problem."""


def validate_article(data: Any, languages: tuple[str, ...], name: str = "article") -> list[str]:
    """Every problem of an article document, in plain words (empty list when valid)."""
    if not isinstance(data, Mapping):
        return [f"{name}: the file must hold a mapping"]
    problems: list[str] = []
    allowed = {
        "slug", "condition", "last_checked", "pending", "related", "offer", "sources", "synonyms",
        translations.FIELD,
    }  # fmt: skip
    for key in sorted(set(data) - allowed - set(languages)):
        problems.append(f"{name}: unknown field {key!r}")
    slug = data.get("slug")
    if not isinstance(slug, str) or not SLUG.match(slug):
        problems.append(f"{name}.slug: lowercase words joined by '-'")
    if data.get("condition") not in ARTICLE_CONDITIONS:
        problems.append(f"{name}.condition: one of {', '.join(ARTICLE_CONDITIONS)}")
    if not isinstance(data.get("last_checked"), dt.date):
        problems.append(f"{name}.last_checked: a date like 2026-11-29")
    related = data.get("related") or []
    if not isinstance(related, list) or not all(isinstance(r, str) for r in related):
        problems.append(f"{name}.related: a list of slugs")
    offer = data.get("offer")
    if offer is not None and offer != "flow" and offer not in PARTNER_KINDS:
        problems.append(f"{name}.offer: 'flow' or a partner kind")
    if offer == "flow" and data.get("condition") == "general":
        problems.append(f"{name}.offer: a general article has no flow to start")
    sources = data.get("sources")
    if not isinstance(sources, list) or not sources:
        problems.append(f"{name}.sources: at least one {{org, title}}")
    else:
        for index, source in enumerate(sources):
            if (
                not isinstance(source, Mapping)
                or not {"org", "title"} <= set(source) <= {"org", "title", "url"}
                or not all(isinstance(v, str) and v.strip() for v in source.values())
            ):
                problems.append(f"{name}.sources[{index}]: needs org and title (url optional)")
            elif "url" in source and not PUBLIC_URL.match(source["url"]):
                problems.append(f"{name}.sources[{index}].url: a public https:// address")
    pending = data.get("pending") or []
    if not isinstance(pending, list) or any(p not in languages for p in pending):
        problems.append(f"{name}.pending: must list supported languages")
        pending = []
    for lang in languages:
        block = data.get(lang)
        if block is None:
            if lang == SOURCE_LANGUAGE or lang not in pending:
                problems.append(f"{name}: missing {lang!r} (add it, or list it under pending)")
            continue
        problems += _validate_text(block, f"{name}.{lang}", lang)
    problems += _validate_synonyms(data.get("synonyms"), languages, f"{name}.synonyms")
    problems += translations.problems(data, languages, name)
    return problems


def _validate_synonyms(synonyms: Any, languages: tuple[str, ...], where: str) -> list[str]:
    if synonyms is None:
        return []
    if not isinstance(synonyms, Mapping):
        return [
            f"{where}: a mapping from language to a list of words, like {{nl: [GGZ, psycholoog]}}"
        ]
    problems = []
    for lang in sorted(set(synonyms) - set(languages), key=str):
        problems.append(f"{where}: {lang!r} is not a supported language ({', '.join(languages)})")
    for lang in languages:
        words = synonyms.get(lang)
        if words is None:
            continue
        if not isinstance(words, list):
            problems.append(f"{where}.{lang}: a list of words or short names, one per item")
            continue
        seen: set[str] = set()
        for index, word in enumerate(words):
            if not isinstance(word, str) or not word_key(word):
                problems.append(f"{where}.{lang}[{index}]: must be a text with letters or digits")
            elif len(word.split()) > MAX_SYNONYM_WORDS or len(word.strip()) > MAX_SYNONYM_CHARS:
                problems.append(
                    f"{where}.{lang}[{index}]: {word!r} is too long; a synonym has at most "
                    f"{MAX_SYNONYM_WORDS} words and {MAX_SYNONYM_CHARS} characters"
                )
            elif word_key(word) in seen:
                problems.append(f"{where}.{lang}[{index}]: {word!r} is listed twice")
            else:
                seen.add(word_key(word))
    return problems


def _validate_text(block: Any, where: str, lang: str) -> list[str]:
    if not isinstance(block, Mapping):
        return [f"{where}: must be a mapping"]
    problems = []
    for key in sorted(set(block) - {"title", "answer", "more", "easy", "examples"}):
        problems.append(f"{where}: unknown field {key!r}")
    for field in TEXT_FIELDS:
        if not isinstance(block.get(field), str) or not block[field].strip():
            problems.append(f"{where}.{field}: must be a non-empty text")
    if block.get("more") is not None and not isinstance(block["more"], str):
        problems.append(f"{where}.more: must be a text")
    answer = block.get("answer")
    if isinstance(answer, str) and lang != "ar" and len(answer.split()) > MAX_ANSWER_WORDS:
        problems.append(f"{where}.answer: {len(answer.split())} words, keep it under ~80")
    examples = block.get("examples")
    minimum = MIN_EXAMPLES.get(lang, MIN_EXAMPLES_OTHER)
    if not isinstance(examples, list) or len(examples) < minimum:
        problems.append(f"{where}.examples: at least {minimum} questions")
    elif not all(isinstance(e, str) and e.strip() for e in examples):
        problems.append(f"{where}.examples: every example must be a text")
    return problems


def parse_article(data: Mapping[str, Any], languages: tuple[str, ...]) -> Article:
    """A typed article from a document that passed :func:`validate_article`."""
    texts = {
        lang: ArticleText(
            title=data[lang]["title"].strip(),
            answer=data[lang]["answer"].strip(),
            easy=data[lang]["easy"].strip(),
            more=(data[lang].get("more") or "").strip() or None,
            examples=tuple(e.strip() for e in data[lang]["examples"]),
        )
        for lang in languages
        if isinstance(data.get(lang), Mapping)
    }
    return Article(
        slug=data["slug"],
        condition=data["condition"],
        last_checked=data["last_checked"],
        related=tuple(data.get("related") or ()),
        offer=data.get("offer"),
        sources=tuple(Source(s["org"], s["title"], s.get("url")) for s in data["sources"]),
        texts=texts,
        pending=tuple(data.get("pending") or ()),
        synonyms={
            lang: tuple(w.strip() for w in words)
            for lang, words in (data.get("synonyms") or {}).items()
            if words
        },
    )


def load_article_data(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise ArticleError(f"{path.name}: not valid YAML: {error}") from error


def read_article_file(path: Path, languages: tuple[str, ...]) -> Article:
    """Loads and validates one article file; ArticleError lists every problem."""
    data = load_article_data(path)
    problems = validate_article(data, languages, name=path.stem)
    if not problems and data["slug"] != path.stem:
        problems.append(f"{path.stem}: the file name must be the slug ({data['slug']})")
    if problems:
        raise ArticleError("\n".join(problems))
    return parse_article(data, languages)


def needs_review(last_checked: Any, today: dt.date) -> bool:
    """Whether an article's sources were last checked more than ~6 months ago (or never)."""
    if not isinstance(last_checked, dt.date):
        return True
    return (today - last_checked).days > REVIEW_AFTER_DAYS


def check_related(articles: Mapping[str, Article]) -> list[str]:
    """Related slugs that name no article."""
    return [
        f"{slug}.related: {other!r} does not exist"
        for slug, article in articles.items()
        for other in article.related
        if other not in articles
    ]


def check_synonyms(articles: Mapping[str, Article]) -> list[str]:
    """Synonyms that two articles claim in one language (each belongs to one article).

    Dutch synonyms count in every language, as the search recognises them there too.
    """
    languages = {lang for article in articles.values() for lang in article.synonyms}
    owner: dict[tuple[str, str], str] = {}
    problems: dict[tuple[str, str, str], str] = {}
    for lang in sorted(languages, key=lambda code: (code != SOURCE_LANGUAGE, code)):
        for slug, article in articles.items():
            listed = [(w, lang) for w in article.synonyms.get(lang, ())]
            listed += [(w, SOURCE_LANGUAGE) for w in article.synonyms.get(SOURCE_LANGUAGE, ())]
            for word, where in listed:
                first = owner.setdefault((lang, word_key(word)), slug)
                if first != slug:
                    problems.setdefault(
                        (word_key(word), first, slug),
                        f"{slug}.synonyms.{where}: {word!r} is also a synonym of {first}",
                    )
    return list(problems.values())
