"""One decision per message: a crisis, and which kind, or not."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ric.safety import phrases, semantic
from ric.safety.phrases import CATEGORIES, DEFAULT_CATEGORY
from ric.safety.semantic import Thresholds

__all__ = ["CATEGORIES", "DEFAULT_CATEGORY", "Finding", "assess", "safety_category"]

# Measured on the examples in knowledge/safety (leave-one-out, scripts/safety_tuning.py).
DEFAULT_THRESHOLDS = Thresholds(sure=0.80, likely=0.60, margin=0.08)
# When the language model also classified the message as a safety concern: a lower bar.
# The classifier alone does not raise the alarm: it mistook idioms ("ik lach me dood",
# "die boete maakt me kapot") for a crisis in a fifth of harmless Dutch messages.
WITH_CLASSIFIER = Thresholds(sure=0.70, likely=0.50, margin=0.04)


@dataclass(frozen=True)
class Finding:
    category: str
    layer: str  # "phrase" or "meaning"


def assess(
    text: str, knowledge_dir: Path, limits: Thresholds = DEFAULT_THRESHOLDS
) -> Finding | None:
    """Whether the message is a crisis; a button payload ('/choose…') never is."""
    if not text or not text.strip() or text.startswith("/"):
        return None
    data = phrases.load(knowledge_dir)
    prepared = data.prepare(text)
    category = data.phrase_category(prepared)
    if category is not None:
        return Finding(category, "phrase")
    pieces = [prepared] + [data.prepare(part) for part in semantic.parts(text)[1:]]
    category = semantic.crisis_category(data, pieces, limits)
    return Finding(category, "meaning") if category else None


def safety_category(text: str, knowledge_dir: Path) -> str | None:
    finding = assess(text, knowledge_dir)
    return finding.category if finding else None
