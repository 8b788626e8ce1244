"""knowledge/glossary.yml: jargon with an easy explanation in every language."""

import pytest
import yaml

from ric.content.glossary import (
    GlossaryError,
    for_kiosk,
    read_glossary_file,
    terms_in,
    validate_glossary,
)
from ric.content.repository import ContentRepository
from ric.settings import ROOT

LANGUAGES = ("nl", "en", "ar", "tr", "pl")
PATH = ROOT / "knowledge" / "glossary.yml"
NAMED_IN_THE_ISSUE = {
    "wsnp",
    "brp",
    "briefadres",
    "dwangmiddel",
    "gijzeling",
    "detentieverklaring",
    "ontslagbewijs",
    "toeslagpartner",
    "penitentiair-programma",
}


@pytest.fixture(scope="module")
def terms():
    return read_glossary_file(PATH, LANGUAGES)


def test_the_glossary_is_valid_and_has_the_terms_named_in_the_issue(terms):
    """Every term has words and an easy text in all five languages."""
    ids = {term.id for term in terms}
    assert NAMED_IN_THE_ISSUE <= ids
    assert len(ids) >= 15
    for term in terms:
        assert set(term.easy) == set(LANGUAGES)
        assert all(term.words[lang] for lang in LANGUAGES)


def test_glossary_words_are_found_in_the_answers_in_every_language(terms):
    """The Dutch term in brackets in a translation is recognised too."""
    article = ContentRepository(ROOT / "knowledge", LANGUAGES).articles()["health-insurance"]
    for lang in LANGUAGES:
        found = terms_in(article.text(lang).answer, lang, terms)
        assert {"detentieverklaring", "ontslagbewijs"} <= set(found), lang


def test_whole_words_only_and_capitals_only_words_match_exactly(terms):
    assert terms_in("Sta je in de BRP?", "nl", terms) == ["brp"]
    assert "brp" not in terms_in("ik brp niets", "nl", terms)
    assert "vog" not in terms_in("een vogel", "nl", terms)
    assert terms_in("Vraag een briefadres aan.", "nl", terms) == ["briefadres"]


def test_the_kiosk_gets_the_words_and_the_explanation_in_its_language(terms):
    arabic = {entry["id"]: entry for entry in for_kiosk(terms, "ar")}
    entry = arabic["ontslagbewijs"]
    assert "ontslagbewijs" in entry["words"] and "شهادة الإفراج" in entry["words"]
    assert entry["easy"].startswith("تحصل")


def _valid():
    return yaml.safe_load(PATH.read_text(encoding="utf-8"))


def test_validation_names_a_missing_language_empty_words_and_a_duplicate_id():
    data = _valid()
    del data["terms"][0]["pl"]
    data["terms"][1]["en"]["words"] = []
    data["terms"][2]["id"] = data["terms"][3]["id"]
    problems = validate_glossary(data, LANGUAGES)
    assert "glossary.wsnp: missing 'pl'" in problems
    assert "glossary.brp.en.words: a list of at least one word" in problems
    assert any("appears twice" in p for p in problems)


def test_an_invalid_file_raises_a_readable_error(tmp_path):
    path = tmp_path / "glossary.yml"
    path.write_text("terms: [{id: X}]\n", encoding="utf-8")
    with pytest.raises(GlossaryError, match="lowercase words"):
        read_glossary_file(path, LANGUAGES)
