"""Each article's easy text is easier than its full text, by the measure in knowledge/README.md."""

import pytest

from ric.content.easy_text import WORD_MARGIN, measure
from ric.content.repository import ContentRepository
from ric.settings import ROOT

LANGUAGES = ("nl", "en", "ar", "tr", "pl")
ARTICLES = ContentRepository(ROOT / "knowledge", LANGUAGES).articles()


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("slug", sorted(ARTICLES))
def test_the_easy_text_has_shorter_sentences_and_no_longer_words(slug, lang):
    text = ARTICLES[slug].texts[lang]
    easy = measure(text.easy)
    full = measure(f"{text.answer} {text.more or ''}")
    assert easy.sentence_length < full.sentence_length, (
        f"{slug}.{lang}.easy: {easy.sentence_length:.1f} words per sentence, "
        f"full text {full.sentence_length:.1f}"
    )
    assert easy.word_length <= full.word_length + WORD_MARGIN, (
        f"{slug}.{lang}.easy: {easy.word_length:.2f} characters per word, "
        f"full text {full.word_length:.2f}"
    )


def test_the_measure_counts_words_per_sentence_and_characters_per_word():
    result = measure("Ik ben hier. Jij bent daar!")
    assert result.sentence_length == 3.0
    assert result.word_length == pytest.approx(20 / 6)


def test_a_vaguer_longer_text_is_not_easier():
    full = measure("Bel de gemeente. Vraag om hulp.")
    long_winded = measure("Het is raadzaam om contact op te nemen met de desbetreffende instantie.")
    assert not long_winded.easier_than(full)
