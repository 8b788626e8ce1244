"""A translation is current only while the Dutch text it was made from is unchanged."""

import copy

import pytest
import yaml

from ric.content import translations
from ric.settings import ROOT

KNOWLEDGE = ROOT / "knowledge"
LANGUAGES = ("nl", "en", "ar", "tr", "pl")


def _article():
    text = {"title": "T", "answer": "A", "easy": "E", "examples": ["x"]}
    data = {"slug": "s", "pending": ["pl"], "nl": dict(text), "en": dict(text)}
    return translations.stamped(data, "article", ["en"])


def test_a_stamped_translation_is_current_and_a_pending_one_missing():
    data = _article()
    assert translations.status(data, "article", "en") == "current"
    assert translations.status(data, "article", "nl") == "current"
    assert translations.status(data, "article", "pl") == "missing"


def test_changing_the_dutch_answer_makes_the_translation_outdated_and_undoing_it_current():
    data = _article()
    changed = copy.deepcopy(data)
    changed["nl"]["answer"] = "Een nieuwe zin."
    assert translations.status(changed, "article", "en") == "outdated"
    changed["nl"]["answer"] = "A"  # a roll-back brings the Dutch text back
    assert translations.status(changed, "article", "en") == "current"


def test_dutch_example_questions_do_not_make_a_translation_outdated():
    data = _article()
    data["nl"]["examples"].append("een nieuwe vraag")
    assert translations.status(data, "article", "en") == "current"


def test_a_flow_translation_follows_every_dutch_text_of_the_flow():
    flow = {
        "title": {"nl": "ID", "en": "ID"},
        "steps": [{"id": "a", "text": {"nl": "Heb je een ID?", "en": "Do you have ID?"}}],
    }
    flow = translations.stamped(flow, "flow", ["en"])
    assert translations.status(flow, "flow", "en") == "current"
    flow["steps"][0]["text"]["nl"] = "Heb je een geldig ID?"
    assert translations.status(flow, "flow", "en") == "outdated"


def test_the_stamps_line_changes_no_other_line_of_a_hand_written_file():
    text = "slug: s\n# a comment\npending: []\nnl:\n  title: 'T'\n"
    stamped = translations.with_stamps_line(text, {"en": "abc", "ar": "def"})
    assert stamped == (
        'slug: s\n# a comment\npending: []\ntranslated_from: {ar: "def", en: "abc"}\n'
        "nl:\n  title: 'T'\n"
    )
    again = translations.with_stamps_line(stamped, {"en": "123"})
    assert again.count("translated_from") == 1 and 'en: "123"' in again


def test_a_stamp_for_dutch_or_an_unknown_language_is_a_problem():
    found = translations.problems({"translated_from": {"nl": "x", "xx": "y"}}, LANGUAGES, "a")
    assert len(found) == 2


@pytest.mark.parametrize(
    ("kind", "path"),
    [("article", p) for p in sorted((KNOWLEDGE / "articles").glob("*.yml"))]
    + [("flow", p) for p in sorted((KNOWLEDGE / "flows").glob("*.yml"))],
    ids=lambda value: getattr(value, "stem", value),
)
def test_every_translation_in_the_knowledge_files_matches_today_s_dutch_text(kind, path):
    """Changed a Dutch text? Update the translations and run `ric knowledge mark-translated
    <slug>`, or list the languages under `pending:` until they are done."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    outdated = [lang for lang in LANGUAGES if translations.status(data, kind, lang) == "outdated"]
    assert not outdated, f"{path.name}: translations outdated in {outdated}"
