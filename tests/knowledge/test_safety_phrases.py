"""knowledge/safety.yml: one phrase list per category, each in every language."""

import re

import pytest
import yaml

from ric.safety import CATEGORIES, safety_category
from ric.settings import ROOT

KNOWLEDGE = ROOT / "knowledge"
LANGUAGES = ("nl", "en", "ar", "tr", "pl")
DATA = yaml.safe_load((KNOWLEDGE / "safety.yml").read_text(encoding="utf-8"))


def test_the_file_has_exactly_the_three_categories_in_every_language():
    assert set(DATA["categories"]) == set(CATEGORIES) == {"suicide", "threatened", "harm_others"}
    for category, by_lang in DATA["categories"].items():
        assert set(by_lang) == set(LANGUAGES), category
        for lang, phrases in by_lang.items():
            assert phrases, f"{category}.{lang}: no phrases"
            for phrase in phrases:
                re.compile(phrase)  # a broken expression fails here, not in the chat


@pytest.mark.parametrize(
    "text,category",
    [
        ("ik wil niet meer leven", "suicide"),
        ("ik denk aan zelfdoding", "suicide"),
        ("I want to kill myself", "suicide"),
        ("أفكر في الانتحار", "suicide"),
        ("ölmek istiyorum", "suicide"),
        ("chcę umrzeć", "suicide"),
        ("ik word bedreigd door mijn celgenoot", "threatened"),
        ("ze bedreigen me op de afdeling", "threatened"),
        ("I'm being threatened on the wing", "threatened"),
        ("يهددونني في الزنزانة", "threatened"),
        ("koğuşta tehdit ediliyorum", "threatened"),
        ("grożą mi na oddziale", "threatened"),
        ("ik ga hem neersteken", "harm_others"),
        ("I will kill him when I see him", "harm_others"),
        ("سأقتله", "harm_others"),
        ("onu öldüreceğim", "harm_others"),
        ("zabiję go", "harm_others"),
    ],
)
def test_a_phrase_picks_its_category(text, category):
    assert safety_category(text, KNOWLEDGE) == category


def test_suicide_wins_when_a_message_matches_several_categories():
    """'Ik word bedreigd en wil dood' gets the response that names 113."""
    assert safety_category("ik word bedreigd en wil dood", KNOWLEDGE) == "suicide"


@pytest.mark.parametrize(
    "text", ["hoe vraag ik een id-kaart aan", "ik heb schulden bij het cjib", "/greet", ""]
)
def test_ordinary_questions_and_button_payloads_are_no_safety_concern(text):
    assert safety_category(text, KNOWLEDGE) is None


def test_an_old_file_with_one_patterns_list_still_counts_as_suicide(tmp_path):
    (tmp_path / "safety.yml").write_text('patterns:\n  nl: ["zelfmoord"]\n', encoding="utf-8")
    assert safety_category("ik denk aan zelfmoord", tmp_path) == "suicide"
