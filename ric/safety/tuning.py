"""Choosing the semantic check's thresholds on the safety files' own examples.

Leave-one-out: each crisis example is compared with every other example (never with
itself), each harmless example with every other harmless one, so the figures say how
the check does on a message it has not seen. Only the files in knowledge/safety are
used; the held-out test sets are never used for tuning.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ric import embeddings
from ric.normalise import normalise
from ric.safety.phrases import SafetyData
from ric.safety.semantic import Thresholds


@dataclass(frozen=True)
class Score:
    limits: Thresholds
    recall: float
    false_alarms: float
    right_category: float


def score_grid(data: SafetyData, *, max_false_alarms: float = 0.03) -> list[Score]:
    """Every threshold combination on the grid, best first (recall, then fewer alarms)."""
    crisis_texts = [normalise(t, data.spellings.get(lang)) for _, lang, t in data.examples]
    harmless_texts = [normalise(t, data.spellings.get(lang)) for lang, t in data.harmless]
    harmless_texts += [normalise(t) for t in data.ordinary]
    categories = np.array([c for c, _, _ in data.examples])
    crisis = embeddings.encode(crisis_texts)
    harmless = embeddings.encode(harmless_texts)
    # crisis examples: nearest other crisis example, nearest harmless example
    cc = crisis @ crisis.T
    np.fill_diagonal(cc, -1.0)
    c_best = cc.max(axis=1)
    c_category = categories[cc.argmax(axis=1)]
    c_harmless = (crisis @ harmless.T).max(axis=1) if len(harmless) else np.zeros(len(crisis))
    # harmless examples: nearest crisis example, nearest other harmless example
    hh = harmless @ harmless.T
    np.fill_diagonal(hh, -1.0)
    h_crisis = (harmless @ crisis.T).max(axis=1)
    h_harmless = hh.max(axis=1)
    scores = []
    for sure in np.arange(0.60, 0.96, 0.02):
        for likely in np.arange(0.40, sure + 0.001, 0.02):
            for margin in np.arange(0.0, 0.21, 0.02):
                hit = (c_best >= sure) | ((c_best >= likely) & (c_best - c_harmless >= margin))
                alarm = (h_crisis >= sure) | (
                    (h_crisis >= likely) & (h_crisis - h_harmless >= margin)
                )
                false_alarms = float(alarm.mean()) if len(alarm) else 0.0
                if false_alarms > max_false_alarms:
                    continue
                recall = float(hit.mean()) if len(hit) else 0.0
                right = float((hit & (c_category == categories)).sum() / max(hit.sum(), 1))
                limits = Thresholds(round(sure, 2), round(likely, 2), round(margin, 2))
                scores.append(Score(limits, recall, false_alarms, right))
    scores.sort(key=lambda s: (-s.recall, s.false_alarms, -s.limits.sure))
    return scores
