"""One decision per message: a crisis, and which kind, or not."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ric.normalise import normalise
from ric.safety import phrases, semantic
from ric.safety.phrases import CATEGORIES, DEFAULT_CATEGORY
from ric.safety.semantic import Thresholds

__all__ = ["CATEGORIES", "DEFAULT_CATEGORY", "Finding", "assess", "safety_category"]

# Chosen with `ric safety tune` (leave-one-out over the examples in knowledge/safety, never
# the held-out sets; the other intents' training examples count as harmless too): 732
# crisis examples against 880 harmless ones and the ordinary messages, 2026-12-02. At
# most 1% false alarms by meaning alone: recall 0.42 (the phrases catch most; meaning is
# the net under them).
DEFAULT_THRESHOLDS = Thresholds(sure=0.90, likely=0.56, margin=0.06)
# When the language model also classified the message as a safety concern: a lower bar.
# The classifier alone does not raise the alarm: it mistook idioms ("ik lach me dood",
# "die boete maakt me kapot") for a crisis in a fifth of harmless Dutch messages.
# Same tuning at at most 3% false alarms: recall 0.62.
WITH_CLASSIFIER = Thresholds(sure=0.94, likely=0.52, margin=0.0)


@dataclass(frozen=True)
class Finding:
    category: str
    layer: str  # "phrase" or "meaning"


# A message whose harmless idiom was removed is checked by meaning only when this many
# words are left: "ik verveel me dood dit weekend" must not alarm on "dit weekend".
MEANING_AFTER_IDIOM_WORDS = 4


def assess(
    text: str,
    knowledge_dir: Path,
    limits: Thresholds = DEFAULT_THRESHOLDS,
    lang: str | None = None,
) -> Finding | None:
    """Whether the message is a crisis; a button payload ('/choose…') never is. `lang`,
    the conversation's language, chooses the chat spellings for the meaning check."""
    if not text or not text.strip() or text.startswith("/"):
        return None
    data = phrases.load(knowledge_dir)
    category = data.phrase_category(data.variants(text))
    if category is not None:
        return Finding(category, "phrase")
    prepared = data.prepare(text, lang)
    if prepared != normalise(text, data.spellings.get(lang) if lang else None):
        if len(prepared.split()) < MEANING_AFTER_IDIOM_WORDS:
            return None
    pieces = [prepared] + [data.prepare(part, lang) for part in semantic.parts(text)[1:]]
    category = semantic.crisis_category(data, pieces, limits)
    return Finding(category, "meaning") if category else None


def safety_category(text: str, knowledge_dir: Path, lang: str | None = None) -> str | None:
    finding = assess(text, knowledge_dir, lang=lang)
    return finding.category if finding else None
