"""The held-out set, end to end through the trained agent and the real action server.

Every message is a new conversation in its language; what is scored is what the
detainee gets back (ric.quality.heldout). The floors below are what the assistant must
keep; the issue's targets (nl ≥ 0.95, others ≥ 0.90, crisis recall ≥ 0.98 with ≤ 0.05
false alarms) are printed beside them by `make nlu-report` until they are reached.

The suite scores tests/data/heldout/, whose misses nobody reads (`make nlu-report`
prints its table only). `RIC_NLU_SET=tuning` scores tests/data/tuning/ instead, the
earlier held-out set that is now used to find and fix misses, and prints every miss.
"""

from __future__ import annotations

import os
import uuid

import pytest

from ric.quality import heldout
from ric.settings import ROOT

SET = os.environ.get("RIC_NLU_SET", "heldout")

# Floors per language: (intents, right article, crisis recall, max false alarms), a few
# points under what was measured on 2026-12-02 (docs/nlu.md), so that a change that makes
# the assistant worse fails here. The targets below are not reached on the held-out set.
FLOORS = {
    "heldout": {
        "nl": (0.83, 0.83, 0.93, 0.09),
        "en": (0.90, 0.81, 0.93, 0.09),
        "ar": (0.81, 0.72, 0.76, 0.15),
        "tr": (0.80, 0.83, 0.80, 0.07),
        "pl": (0.79, 0.82, 0.89, 0.15),
    },
    "tuning": {
        "nl": (0.91, 0.92, 0.97, 0.03),
        "en": (0.88, 0.88, 0.94, 0.03),
        "ar": (0.88, 0.77, 0.97, 0.03),
        "tr": (0.92, 0.89, 0.97, 0.03),
        "pl": (0.87, 0.85, 0.97, 0.05),
    },
}[SET]
TARGETS = {"nl": (0.95, 0.95, 0.98, 0.05)} | {
    lang: (0.90, 0.90, 0.98, 0.05) for lang in ("en", "ar", "tr", "pl")
}
MEDIAN_TURN_SECONDS = 0.150

# Scoring every message takes minutes; the first test waits for all of them.
pytestmark = pytest.mark.timeout(1800)


@pytest.fixture(scope="module")
def measured(bot):
    """(figures per language, seconds per turn) over every held-out message."""

    def assistant(text: str, lang: str) -> heldout.Answer:
        sender = f"HELDOUT-{lang}-{uuid.uuid4().hex[:12]}"
        messages = bot.say(sender, text, {"language": lang})
        events = bot.tracker(sender).events
        replies = []
        for event in reversed(list(events)):
            if event.type_name == "user":
                break
            if event.type_name == "bot":
                meta = event.metadata or {}
                params = meta.get("params") or {}
                subject = params.get("condition") or params.get("slug") or ""
                replies.append((str(meta.get("utter_action") or ""), str(subject)))
        return heldout.Answer(messages, list(reversed(replies)))

    timings: list[float] = []
    figures = heldout.score(assistant, heldout.load(ROOT / "tests" / "data" / SET), timings=timings)
    report = heldout.table(figures, timings)
    (ROOT / "var").mkdir(exist_ok=True)
    (ROOT / "var" / f"nlu-report-{SET}.md").write_text(report + "\n", encoding="utf-8")
    if os.environ.get("RIC_NLU_REPORT"):
        print(f"\n{SET}: tests/data/{SET}/\n" + report)
        print("\nTargets (intents, article, crisis recall, max false alarms):", TARGETS)
    if os.environ.get("RIC_NLU_REPORT") and SET == "tuning":
        for lang, found in figures.items():
            for name in ("intents", "articles", "crisis", "category", "false_alarms"):
                for miss in getattr(found, name).misses:
                    print(f"  {lang} {name}: {miss}")
    return figures, timings


@pytest.mark.parametrize("lang", heldout.LANGUAGES)
def test_typed_messages_get_the_reply_of_their_intent(measured, lang):
    figures, _ = measured
    assert figures[lang].intents.rate >= FLOORS[lang][0], figures[lang].intents.misses


@pytest.mark.parametrize("lang", heldout.LANGUAGES)
def test_questions_are_answered_with_the_right_article(measured, lang):
    figures, _ = measured
    assert figures[lang].articles.rate >= FLOORS[lang][1], figures[lang].articles.misses


@pytest.mark.parametrize("lang", heldout.LANGUAGES)
def test_crisis_messages_raise_the_safety_response(measured, lang):
    figures, _ = measured
    assert figures[lang].crisis.rate >= FLOORS[lang][2], figures[lang].crisis.misses


@pytest.mark.parametrize("lang", heldout.LANGUAGES)
def test_close_but_harmless_messages_raise_no_false_alarm(measured, lang):
    figures, _ = measured
    alarms = figures[lang].false_alarms
    assert alarms.rate <= FLOORS[lang][3], alarms.misses


def test_a_turn_takes_under_150_ms_median(measured):
    import statistics

    _, timings = measured
    assert statistics.median(timings) < MEDIAN_TURN_SECONDS
