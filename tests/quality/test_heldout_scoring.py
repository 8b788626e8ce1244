"""ric.quality.heldout: how a reply is scored, with a scripted assistant."""

import pytest

from ric.quality import heldout


def _assistant(replies):
    def say(text, lang):
        key, custom = replies.get(text, ("dont_know", {}))
        messages = [{"text": "…", "custom": custom}] if custom else [{"text": "…"}]
        subject = custom.get("article", "") if custom else ""
        return heldout.Answer(messages, [(key, subject)])

    return say


def test_an_intent_counts_when_the_typed_message_gets_the_buttons_reply():
    sets = {
        "intents": {"nl": {"greet": ["hoi", "jo"], "change_language": ["engels aub"]}},
        "articles": {},
        "crisis": {},
    }
    say = _assistant(
        {
            "/greet": ("greet", {}),
            "hoi": ("greet", {}),
            "/change_language": ("language_menu", {}),
            "engels aub": ("language_changed", {}),
        }
    )
    figures = heldout.score(say, sets, languages=("nl",))["nl"]
    assert (figures.intents.right, figures.intents.total) == (2, 3)
    assert figures.intents.misses == ["greet: jo -> ('dont_know', '')"]


def test_articles_crisis_and_false_alarms_are_read_from_the_replies_custom_data():
    sets = {
        "intents": {},
        "articles": {"nl": {"digid": ["hoe krijg ik digid", "digid kwijt"]}},
        "crisis": {
            "nl": {
                "crisis": [{"text": "ik wil dood", "category": "suicide"}],
                "harmless": ["ik lach me dood", "mijn contract loopt af"],
            }
        },
    }
    say = _assistant(
        {
            "hoe krijg ik digid": ("article", {"article": "digid"}),
            "ik wil dood": ("safety", {"safety": "suicide"}),
            "ik lach me dood": ("safety", {"safety": "suicide"}),
        }
    )
    figures = heldout.score(say, sets, languages=("nl",))["nl"]
    assert figures.articles.rate == 0.5
    assert figures.crisis.rate == 1.0 and figures.category.rate == 1.0
    assert figures.false_alarms.rate == 0.5
    assert figures.false_alarms.misses == ["ik lach me dood -> ['suicide']"]
    assert "| nl |" in heldout.table({"nl": figures}, [0.1, 0.2])


def test_a_set_can_be_split_into_one_file_per_language(tmp_path):
    (tmp_path / "intents.nl.yml").write_text("nl:\n  greet: [hoi]\n", encoding="utf-8")
    (tmp_path / "intents.en.yml").write_text("en:\n  greet: [hi]\n", encoding="utf-8")
    (tmp_path / "articles.yml").write_text("nl:\n  vog: [wat is een vog]\n", encoding="utf-8")

    sets = heldout.load(tmp_path)

    assert sets["intents"] == {"nl": {"greet": ["hoi"]}, "en": {"greet": ["hi"]}}
    assert sets["articles"] == {"nl": {"vog": ["wat is een vog"]}}
    assert sets["crisis"] == {}


def test_a_language_in_two_files_of_one_set_is_refused(tmp_path):
    (tmp_path / "crisis.yml").write_text("nl:\n  harmless: [a]\n", encoding="utf-8")
    (tmp_path / "crisis.nl.yml").write_text("nl:\n  harmless: [b]\n", encoding="utf-8")

    with pytest.raises(ValueError, match="nl is already"):
        heldout.load(tmp_path)
