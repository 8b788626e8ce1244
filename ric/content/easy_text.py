"""A simple, documented measure of how easy a text is (knowledge/README.md, "Easy text").

Two numbers, both lower is easier:
- mean sentence length: words per sentence (a sentence ends with . ! ? or ؟);
- mean word length: letters and digits per word (punctuation is not counted).

An article's easy text passes when, compared with its full text (answer + more), its
sentences are shorter and its words are not longer. Words get a small margin
(WORD_MARGIN characters): an easy text keeps the one term that matters
("ontslagbewijs", "zorgverzekeraar") while it drops the short words around the details.
"""

from __future__ import annotations

import dataclasses
import re

SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+")
WORD = re.compile(r"\w+(?:['’-]\w+)*")
WORD_MARGIN = 0.5


@dataclasses.dataclass(frozen=True)
class Readability:
    sentence_length: float  # mean words per sentence
    word_length: float  # mean characters per word

    def easier_than(self, other: Readability) -> bool:
        """Shorter sentences, and words at most WORD_MARGIN characters longer."""
        return (
            self.sentence_length < other.sentence_length
            and self.word_length <= other.word_length + WORD_MARGIN
        )


def measure(text: str) -> Readability:
    """Mean sentence length (words) and mean word length (characters) of a text."""
    sentences = [s for s in SENTENCE_END.split(text.strip()) if WORD.search(s)]
    words = WORD.findall(text)
    if not sentences or not words:
        return Readability(0.0, 0.0)
    return Readability(
        sentence_length=len(words) / len(sentences),
        word_length=sum(len(re.sub(r"\W", "", w)) for w in words) / len(words),
    )
