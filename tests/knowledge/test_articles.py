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
    """Only the public 113 numbers may appear; web addresses only as a source's `url`."""
    import re

    allowed = {"113", "0800-0113"}
    for path in ARTICLES.glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^\s*url: \S+$", "", text)
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
    assert "article.sources[0]: needs org and title (url optional)" in problems


def test_a_source_url_is_on_the_kiosk_link_allowlist():
    """A source's address can be opened on a RIC terminal: https and an allowlisted site."""
    from urllib.parse import urlsplit

    from ric.settings import OPTIONS

    (option,) = [o for o in OPTIONS if o.name == "RIC_LINK_ALLOWLIST"]
    allowlist = option.parse(option.default)
    repository = ContentRepository(ROOT / "knowledge", LANGUAGES)
    for slug, article in repository.articles().items():
        for source in article.sources:
            if source.url:
                host = urlsplit(source.url).hostname or ""
                assert any(host == site or host.endswith("." + site) for site in allowlist), (
                    f"{slug}: {source.url}"
                )


def test_schema_refuses_a_source_url_that_is_not_https():
    data = _valid()
    data["sources"][0]["url"] = "http://www.digid.nl"
    assert "article.sources[0].url: a public https:// address" in validate_article(data, LANGUAGES)


def test_an_article_needs_review_after_about_six_months():
    import datetime as dt

    from ric.content.articles import needs_review

    today = dt.date(2026, 12, 1)
    assert not needs_review(dt.date(2026, 6, 1), today)
    assert needs_review(dt.date(2026, 5, 1), today)
    assert needs_review(None, today)


def test_every_article_was_checked_and_names_its_sources():
    """A date not in the future, and every source with an organisation and a page title."""
    import datetime as dt

    for path in sorted(ARTICLES.glob("*.yml")):
        article = read_article_file(path, LANGUAGES)
        assert article.last_checked <= dt.date.today(), path.name
        assert all(s.org and s.title for s in article.sources), path.name
