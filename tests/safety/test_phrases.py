"""knowledge/safety/<lang>.yml: the phrase lists, idioms, spellings and examples per language."""

import re

import pytest
import yaml

from ric.safety import phrases
from ric.safety.phrases import CATEGORIES, SafetyFileError
from ric.settings import ROOT

KNOWLEDGE = ROOT / "knowledge"
LANGUAGES = ("nl", "en", "ar", "tr", "pl")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_language_has_phrases_and_examples_in_each_category(lang):
    data = yaml.safe_load((KNOWLEDGE / "safety" / f"{lang}.yml").read_text(encoding="utf-8"))
    assert set(data["phrases"]) == set(CATEGORIES)
    for category in CATEGORIES:
        assert len(data["phrases"][category]) >= 5, f"{lang} {category}: few phrases"
        assert len(data["examples"][category]) >= 20, f"{lang} {category}: few examples"
    assert len(data["harmless"]) >= 40, f"{lang}: few harmless examples"


def test_the_files_compile_and_a_message_is_checked_against_every_language():
    data = phrases.load(KNOWLEDGE)
    prepared = data.prepare("ik snap het niet, chcę się zabić")
    assert data.phrase_category(prepared) == "suicide"


def test_a_list_phrase_matches_its_words_in_any_order(tmp_path):
    (tmp_path / "safety").mkdir()
    (tmp_path / "safety" / "pl.yml").write_text(
        'phrases:\n  suicide:\n    - ["zabi(c|je)", "sie"]\n', encoding="utf-8"
    )
    data = phrases.load(tmp_path)
    assert data.phrase_category(data.prepare("chcę się zabić")) == "suicide"
    assert data.phrase_category(data.prepare("zabić się")) == "suicide"
    assert data.phrase_category(data.prepare("zabić czas")) is None


def test_a_phrase_starts_at_a_word_start(tmp_path):
    (tmp_path / "safety").mkdir()
    (tmp_path / "safety" / "en.yml").write_text(
        "phrases:\n  harm_others:\n    - 'kill him'\n", encoding="utf-8"
    )
    data = phrases.load(tmp_path)
    assert data.phrase_category(data.prepare("I will kill him")) == "harm_others"
    assert data.phrase_category(data.prepare("skill him up")) is None


def test_harmless_idioms_are_removed_before_matching(tmp_path):
    (tmp_path / "safety").mkdir()
    (tmp_path / "safety" / "nl.yml").write_text(
        "ignore: ['lach me (bijna )?dood']\nphrases:\n  suicide: ['dood']\n", encoding="utf-8"
    )
    data = phrases.load(tmp_path)
    assert data.phrase_category(data.prepare("ik lach me bijna dood")) is None
    assert data.phrase_category(data.prepare("ik wil dood")) == "suicide"


@pytest.mark.parametrize(
    "content,problem",
    [
        ("phrases:\n  suicide: ['(unclosed']\n", "not a valid pattern"),
        ("phrases:\n  sadness: ['x']\n", "unknown category"),
        ("phrases:\n  suicide: [{a: b}]\n", "a phrase is a text or a list"),
        ("harmless: 'one text'\n", "expected a list of texts"),
        ("phrases: [\n", "not valid YAML"),
    ],
)
def test_a_broken_file_is_named_with_its_problem(tmp_path, content, problem):
    (tmp_path / "safety").mkdir()
    (tmp_path / "safety" / "nl.yml").write_text(content, encoding="utf-8")
    with pytest.raises(SafetyFileError, match=re.escape(problem)):
        phrases.load(tmp_path)


def test_a_changed_file_is_read_again(tmp_path):
    (tmp_path / "safety").mkdir()
    path = tmp_path / "safety" / "nl.yml"
    path.write_text("phrases:\n  suicide: ['eerste']\n", encoding="utf-8")
    assert phrases.load(tmp_path).phrase_category("eerste") == "suicide"
    path.write_text("phrases:\n  suicide: ['tweede woord']\n", encoding="utf-8")
    assert phrases.load(tmp_path).phrase_category("eerste") is None
