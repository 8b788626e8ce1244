"""The semantic check: is a message close in meaning to a crisis example?

Compares the message's sentence embedding (ric.embeddings) with the crisis examples and
the close-but-harmless examples of every language in the safety files. A message counts
as a crisis when its nearest crisis example is at least ``sure`` similar, or at least
``likely`` similar and clearly nearer than the nearest harmless example (by ``margin``).
The category is that of the nearest crisis example. Both sides are compared normalised.
Long messages are also checked sentence by sentence, so a crisis in a message that also
asks something is not diluted.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

import numpy as np

from ric import embeddings
from ric.normalise import normalise
from ric.safety.phrases import SafetyData

_SENTENCES = re.compile(r"(?<=[.!?؟,،])\s+|\s*[\n;]\s*")

_lock = threading.Lock()
_index: dict[tuple, _Index] = {}


@dataclass(frozen=True)
class Thresholds:
    sure: float
    likely: float
    margin: float


@dataclass(frozen=True)
class Nearest:
    """How close a text is to the nearest crisis and harmless examples."""

    category: str
    crisis: float
    harmless: float
    example: str


class _Index:
    def __init__(self, data: SafetyData) -> None:
        self.categories = [category for category, _, _ in data.examples]
        self.texts = [text for _, _, text in data.examples]
        self.crisis = embeddings.encode(
            [normalise(text, data.spellings.get(lang)) for _, lang, text in data.examples]
        )
        self.harmless = embeddings.encode(
            [normalise(text, data.spellings.get(lang)) for lang, text in data.harmless]
            + [normalise(text) for text in data.ordinary]
        )


def _index_for(data: SafetyData) -> _Index:
    with _lock:
        index = _index.get(data.signature)
    if index is None:
        index = _Index(data)
        with _lock:
            _index.clear()
            _index[data.signature] = index
    return index


def parts(text: str) -> list[str]:
    """The whole text and, when it has several, each of its sentences."""
    sentences = [s for s in _SENTENCES.split(text.strip()) if len(s.split()) >= 2]
    return [text] + (sentences if len(sentences) > 1 else [])


def nearest(data: SafetyData, texts: list[str]) -> list[Nearest]:
    """For each text, its nearest crisis example (and category) and nearest harmless one."""
    index = _index_for(data)
    if not index.texts or not texts:
        return [Nearest("", 0.0, 0.0, "") for _ in texts]
    vectors = embeddings.encode(texts)
    crisis = vectors @ index.crisis.T
    harmless = vectors @ index.harmless.T if len(index.harmless) else np.zeros((len(texts), 1))
    found = []
    for row in range(len(texts)):
        best = int(np.argmax(crisis[row]))
        found.append(
            Nearest(
                index.categories[best],
                float(crisis[row, best]),
                float(harmless[row].max()),
                index.texts[best],
            )
        )
    return found


def is_crisis(near: Nearest, limits: Thresholds) -> bool:
    if near.crisis >= limits.sure:
        return True
    return near.crisis >= limits.likely and near.crisis - near.harmless >= limits.margin


def crisis_category(data: SafetyData, prepared: list[str], limits: Thresholds) -> str | None:
    """The category of a crisis found by meaning in the prepared texts, or None."""
    for near in nearest(data, [p for p in prepared if p]):
        if is_crisis(near, limits):
            return near.category
    return None
