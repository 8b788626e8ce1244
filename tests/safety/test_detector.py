"""ric.safety.detector: every message is checked; phrases first, then meaning."""

import pytest

from ric.safety.detector import CATEGORIES, assess, safety_category
from ric.settings import ROOT

KNOWLEDGE = ROOT / "knowledge"


@pytest.mark.parametrize(
    "text,category",
    [
        ("ik wil niet meer leven", "suicide"),
        ("ik denk aan zelfdoding", "suicide"),
        ("ik maak er een eind aan", "suicide"),
        ("I want to kill myself", "suicide"),
        ("أفكر في الانتحار", "suicide"),
        ("سأنتحر", "suicide"),
        ("ölmek istiyorum", "suicide"),
        ("olmek istiyorum", "suicide"),
        ("chcę się zabić", "suicide"),
        ("ik word bedreigd door mijn celgenoot", "threatened"),
        ("I'm being threatened on the wing", "threatened"),
        ("يهددونني في الزنزانة", "threatened"),
        ("koğuşta tehdit ediliyorum", "threatened"),
        ("grożą mi na oddziale", "threatened"),
        ("ik ga hem neersteken", "harm_others"),
        ("I will kill him when I see him", "harm_others"),
        ("onu öldüreceğim", "harm_others"),
        ("zabiję go", "harm_others"),
    ],
)
def test_a_crisis_phrase_in_any_language_picks_its_category(text, category):
    assert safety_category(text, KNOWLEDGE) == category


def test_suicide_wins_when_a_message_matches_several_categories():
    """'Ik word bedreigd en wil dood' gets the response that names 113."""
    assert safety_category("ik word bedreigd en wil dood", KNOWLEDGE) == "suicide"
    assert CATEGORIES[0] == "suicide"


def test_a_crisis_inside_a_message_that_also_asks_something_is_found():
    text = "hoe vraag ik een id kaart aan? en eerlijk gezegd wil ik niet meer leven"
    assert safety_category(text, KNOWLEDGE) == "suicide"


@pytest.mark.parametrize(
    "text",
    [
        "hoe vraag ik een id-kaart aan",
        "ik heb schulden bij het cjib",
        "ik lach me dood om die film",
        "ik wil stoppen met roken",
        "mijn contract loopt af",
        '/choose{"choice":"flow:id:has_id:yes"}',
        "",
        "   ",
    ],
)
def test_ordinary_messages_idioms_and_button_payloads_raise_nothing(text):
    assert assess(text, KNOWLEDGE) is None


def test_an_empty_safety_folder_finds_nothing(tmp_path):
    assert assess("ik wil dood", tmp_path) is None
