"""The three safety responses: what to do now, in every language, honest about the system."""

import pytest

from ric.content.repository import ContentRepository
from ric.replies.catalog import Catalogs
from ric.replies.render import Renderer
from ric.settings import ROOT

LANGUAGES = ("nl", "en", "ar", "tr", "pl")
CATEGORIES = ("suicide", "threatened", "harm_others")
INTERPRETER = {
    "ar": "مترجم",
    "tr": "tercüman",
    "pl": "tłumacza",
}


@pytest.fixture(scope="module")
def renderer():
    content = ContentRepository(ROOT / "knowledge", LANGUAGES)
    return Renderer(Catalogs(ROOT / "locales"), content, "Europe/Amsterdam")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("category", CATEGORIES)
def test_each_category_has_its_own_translated_response_marked_with_the_category(
    renderer, category, lang
):
    """The message says what to do now and carries custom.safety for the kiosk and staff."""
    message = renderer.render("safety", lang, {"category": category})
    assert message["custom"]["safety"] == category
    if lang != "nl":
        dutch = renderer.render("safety", "nl", {"category": category})["text"]
        assert message["text"] != dutch, "not translated"
    assert message["buttons"], "a way back to the menu"


def test_the_dutch_responses_say_what_to_do_now_and_differ_per_category(renderer):
    texts = {c: renderer.render("safety", "nl", {"category": c})["text"] for c in CATEGORIES}
    assert len(set(texts.values())) == 3
    for text in texts.values():
        assert "medewerker in de ruimte" in text and "intercom" in text
        assert "melding gestuurd" in text and "Ik weet niet hoe snel" in text
    assert "113" in texts["suicide"] and "0800-0113" in texts["suicide"]
    assert "zelfdoding" in texts["suicide"]
    assert "113" not in texts["threatened"] and "113" not in texts["harm_others"]
    assert "bedreigd" in texts["threatened"]
    assert "iemand iets wilt aandoen" in texts["harm_others"]


@pytest.mark.parametrize("lang", sorted(INTERPRETER))
@pytest.mark.parametrize("category", CATEGORIES)
def test_in_arabic_turkish_and_polish_staff_can_arrange_an_interpreter(renderer, category, lang):
    """And the response never suggests that 113 speaks that language: it says Dutch."""
    text = renderer.render("safety", lang, {"category": category})["text"]
    assert INTERPRETER[lang] in text
    if category == "suicide":
        dutch = {"ar": "الهولندية", "tr": "Felemenkçe", "pl": "po niderlandzku"}[lang]
        assert "113" in text and dutch in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_dutch_and_english_responses_do_not_mention_an_interpreter(renderer, lang):
    text = renderer.render("safety", lang, {"category": "threatened"})["text"]
    assert "tolk" not in text and "interpreter" not in text


def test_an_unknown_category_gets_the_suicide_response(renderer):
    """Safest default: the response that names 113."""
    message = renderer.render("safety", "nl", {"category": "something"})
    assert message["custom"]["safety"] == "suicide" and "113" in message["text"]


def test_arabic_safety_response_is_right_to_left(renderer):
    custom = renderer.render("safety", "ar", {"category": "threatened"})["custom"]
    assert custom == {"safety": "threatened", "lang": "ar", "dir": "rtl"}
