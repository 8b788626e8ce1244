"""A saved edit described field by field, in words (ric.content.changes)."""

from ric.content.changes import article_changes, flow_changes

LANGUAGES = ("nl", "en")


def _article(answer="Je vraagt DigiD aan op de website.", examples=("hoe digid",)):
    return {
        "slug": "digid",
        "sources": [{"org": "Logius", "title": "DigiD"}],
        "nl": {"title": "DigiD", "answer": answer, "easy": "E", "examples": list(examples)},
        "en": {"title": "DigiD", "answer": "You apply online.", "easy": "E", "examples": ["x"]},
    }


def test_one_changed_sentence_is_one_change_of_the_answer_in_dutch_with_the_words():
    old = _article()
    new = _article(answer="Je vraagt DigiD aan via je casemanager.")

    (change,) = article_changes(old, new, LANGUAGES)

    assert (change.field, change.lang) == ("answer", "nl")
    assert change.words() == [
        ("", "Je vraagt DigiD aan"),
        ("del", "op de website."),
        ("add", "via je casemanager."),
    ]


def test_examples_synonyms_and_sources_are_named_as_their_own_changes():
    old = _article()
    new = _article(examples=("hoe digid", "digid kwijt"))
    new["synonyms"] = {"en": ["login code"]}
    new["sources"] = [{"org": "Logius", "title": "DigiD aanvragen"}]

    found = [(c.field, c.lang) for c in article_changes(old, new, LANGUAGES)]

    assert found == [("examples", "nl"), ("synonyms", "en"), ("sources", None)]


def test_a_flow_text_change_names_the_step_and_the_language_and_nothing_else():
    def flow(text):
        return {
            "condition": "id",
            "title": {"nl": "ID", "en": "ID"},
            "steps": [
                {"id": "has_id", "text": {"nl": text, "en": "Do you have ID?"}, "end": "done"}
            ],
        }

    (change,) = flow_changes(flow("Heb je een ID?"), flow("Heb je een geldig ID?"), LANGUAGES)

    assert (change.field, change.lang) == ("has_id · text", "nl")
    assert ("add", "geldig") in change.words()


def test_a_new_step_in_a_flow_is_a_change_of_its_steps():
    old = {"condition": "id", "steps": [{"id": "a", "text": {"nl": "A"}, "end": "done"}]}
    new = {
        "condition": "id",
        "steps": [*old["steps"], {"id": "b", "text": {"nl": "B"}, "end": "done"}],
    }

    fields = [(c.field, c.lang) for c in flow_changes(old, new, ("nl",))]

    assert ("b · text", "nl") in fields and ("steps", None) in fields
