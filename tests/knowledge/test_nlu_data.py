"""ric.knowledge.nlu_data: the generated `faq` examples never repeat a hand-written intent's."""

from ric import settings as settings_module
from ric.content.repository import ContentRepository
from ric.knowledge.nlu_data import faq_examples, hand_written_examples
from ric.settings import ROOT


def _repository():
    settings = settings_module.load()
    return ContentRepository(settings.knowledge_dir, settings.languages)


def test_an_example_of_a_hand_written_intent_is_left_out_of_faq():
    repository = _repository()
    every = faq_examples(repository)
    left_out = every[0]
    kept = faq_examples(repository, exclude=[left_out.upper() + "?"])
    assert left_out not in kept and len(kept) == len(every) - 1


def test_no_generated_faq_example_is_also_a_safety_or_other_intent_example():
    hand_written = hand_written_examples(ROOT / "bot" / "data" / "nlu")
    generated = faq_examples(_repository(), exclude=hand_written)
    keys = {" ".join(e.casefold().replace("?", " ").split()) for e in generated}
    assert "ik denk aan zelfmoord" not in keys
    assert not keys & hand_written


def test_annotations_are_read_as_their_plain_words(tmp_path):
    (tmp_path / "x.yml").write_text(
        "nlu:\n- intent: book_appointment\n  examples: |\n"
        "    - afspraak met de [gemeente](partner_kind)\n",
        encoding="utf-8",
    )
    assert hand_written_examples(tmp_path) == {"afspraak met de gemeente"}
