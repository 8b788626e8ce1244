"""Every knowledge article follows the schema; every required slug exists."""

import pytest
import yaml

from ric.content.articles import (
    REQUIRED_SLUGS,
    check_related,
    read_article_file,
    validate_article,
)
from ric.content.repository import ContentRepository
from ric.settings import ROOT

LANGUAGES = ("nl", "en", "ar", "tr", "pl")
ARTICLES = ROOT / "knowledge" / "articles"


@pytest.mark.parametrize("path", sorted(ARTICLES.glob("*.yml")), ids=lambda p: p.stem)
def test_article_file_is_valid_in_all_languages(path):
    """Schema: slug, condition, sources, title/answer/easy/examples in every language."""
    article = read_article_file(path, LANGUAGES)
    assert set(article.texts) == set(LANGUAGES)
    assert article.sources


def test_every_required_slug_exists():
    slugs = {path.stem for path in ARTICLES.glob("*.yml")}
    assert set(REQUIRED_SLUGS) <= slugs, sorted(set(REQUIRED_SLUGS) - slugs)


def test_related_articles_exist():
    articles = ContentRepository(ROOT / "knowledge", LANGUAGES).articles()
    assert len(articles) == len(list(ARTICLES.glob("*.yml")))
    assert check_related(articles) == []


def test_no_article_invents_a_phone_number_or_web_address():
    """Only the public 113 numbers may appear; no URLs, e-mail or other phone numbers."""
    import re

    allowed = {"113", "0800-0113"}
    for path in ARTICLES.glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"https?://|www\.|@\w+\.", text), path.name
        for number in re.findall(r"\b0\d{2,3}[- ]?\d{3,7}\b", text):
            assert number in allowed, f"{path.name}: {number}"


def _valid():
    return yaml.safe_load((ARTICLES / "digid.yml").read_text(encoding="utf-8"))


def test_schema_reports_missing_language_unless_pending():
    data = _valid()
    del data["pl"]
    assert "article: missing 'pl' (add it, or list it under pending)" in validate_article(
        data, LANGUAGES
    )
    data["pending"] = ["pl"]
    assert validate_article(data, LANGUAGES) == []


def test_schema_reports_a_long_answer_few_examples_and_a_bad_source():
    data = _valid()
    data["nl"]["answer"] = "woord " * 120
    data["nl"]["examples"] = ["een", "twee"]
    data["sources"] = [{"org": "Logius"}]
    problems = validate_article(data, LANGUAGES)
    assert any(p.startswith("article.nl.answer: 120 words") for p in problems)
    assert "article.nl.examples: at least 8 questions" in problems
    assert "article.sources[0]: needs exactly org and title" in problems
