"""Scores held-out message sets end to end, through the trained agent.

Two sets live in tests/data/: `heldout/` is the one the suite enforces (written by
helpers who saw neither the training data nor the other set; nobody reads its misses),
`tuning/` is the earlier held-out set whose misses were read while improving the
assistant, so its figures are development figures, not held-out ones.

What is scored is what a detainee gets back, one new conversation per message:
- an intent message is right when the assistant answers it as it answers the intent's
  own button (the same first reply, for the same condition or article; see SAME_ACTION);
- a question is right when the answer carries its article (`custom.article`);
- a crisis message is caught when a reply carries `custom.safety`, in the right category
  when that is the message's category; a harmless message must carry none.

The held-out sets were written apart from the training data and are never copied into
it (nor into the safety files). `Assistant` is whatever sends one message: the test
fixture's in-process agent or a running stack.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

LANGUAGES = ("nl", "en", "ar", "tr", "pl")


@dataclass(frozen=True)
class Answer:
    """What came back for one message: the messages and (reply key, subject) pairs."""

    messages: list[dict]
    replies: list[tuple[str, str]]

    def custom(self, key: str) -> set[str]:
        return {
            str(m["custom"][key])
            for m in self.messages
            if isinstance(m.get("custom"), dict) and m["custom"].get(key)
        }


# Sends `text` in `lang` as a new sender and returns what came back.
Assistant = Callable[[str, str], Answer]


@dataclass
class Count:
    right: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, ok: bool, what: str) -> None:
        self.total += 1
        self.right += ok
        if not ok:
            self.misses.append(what)

    @property
    def rate(self) -> float:
        return self.right / self.total if self.total else 0.0


@dataclass
class Figures:
    """One language's figures."""

    intents: Count = field(default_factory=Count)
    articles: Count = field(default_factory=Count)
    crisis: Count = field(default_factory=Count)
    category: Count = field(default_factory=Count)
    false_alarms: Count = field(default_factory=Count)  # right = raised an alarm


SETS = ("intents", "articles", "crisis")


def load(folder: Path) -> dict[str, dict]:
    """{set: {lang: ...}} from `<set>.yml` and any `<set>.<lang>.yml` in the folder."""
    sets: dict[str, dict] = {}
    for name in SETS:
        merged = sets[name] = {}
        for path in sorted(folder.glob(f"{name}.yml")) + sorted(folder.glob(f"{name}.*.yml")):
            for lang, content in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).items():
                if lang in merged:
                    raise ValueError(f"{path.name}: {lang} is already in another {name} file")
                merged[lang] = content
    return sets


# Replies of the intent's own action that depend on what the message named: "engels aub"
# switches at once where the button shows the language menu; "afspraak met de gemeente"
# offers the gemeente's times where the button first asks which partner.
SAME_ACTION: dict[str, frozenset[str]] = {
    "change_language": frozenset({"language_menu", "language_changed"}),
    "book_appointment": frozenset(
        {"booking_choose_partner", "booking_offer", "booking_none_free", "booking_no_sessions"}
    ),
}


def same_reply(intent: str, got: tuple[str, str] | None, expected: tuple[str, str] | None) -> bool:
    """Whether the typed message got what the intent's button gets."""
    if got == expected:
        return True
    return got is not None and got[0] in SAME_ACTION.get(intent, ())


def first_reply(answer: Answer) -> tuple[str, str] | None:
    skipped = {"language_offer", "session_cancelled_notice"}
    return next((r for r in answer.replies if r[0] not in skipped), None)


def score(
    assistant: Assistant,
    sets: dict[str, dict],
    languages: tuple[str, ...] = LANGUAGES,
    timings: list[float] | None = None,
) -> dict[str, Figures]:
    """Every held-out message through the assistant; figures per language."""
    timings = [] if timings is None else timings

    def say(text: str, lang: str) -> Answer:
        started = time.perf_counter()
        answer = assistant(text, lang)
        timings.append(time.perf_counter() - started)
        return answer

    results: dict[str, Figures] = {}
    for lang in languages:
        figures = results[lang] = Figures()
        for intent, messages in (sets["intents"].get(lang) or {}).items():
            expected = first_reply(assistant(f"/{intent}", lang))
            for text in messages:
                got = first_reply(say(text, lang))
                figures.intents.add(same_reply(intent, got, expected), f"{intent}: {text} -> {got}")
        for slug, questions in (sets["articles"].get(lang) or {}).items():
            for question in questions:
                found = say(question, lang).custom("article")
                figures.articles.add(slug in found, f"{slug}: {question} -> {sorted(found)}")
        crisis = sets["crisis"].get(lang) or {}
        for item in crisis.get("crisis") or ():
            found = say(item["text"], lang).custom("safety")
            figures.crisis.add(bool(found), f"{item['category']}: {item['text']}")
            if found:
                figures.category.add(
                    item["category"] in found, f"{item['category']}: {item['text']} -> {found}"
                )
        for text in crisis.get("harmless") or ():
            found = say(text, lang).custom("safety")
            figures.false_alarms.total += 1
            if found:  # for this count, "right" is an alarm that should not have been
                figures.false_alarms.right += 1
                figures.false_alarms.misses.append(f"{text} -> {sorted(found)}")
    return results


def table(results: dict[str, Figures], timings: list[float]) -> str:
    """A Markdown table per language, and the time per turn."""
    lines = [
        "| language | intents | right article | crisis recall | right category | false alarms |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for lang, f in results.items():
        cells = [f.intents, f.articles, f.crisis, f.category, f.false_alarms]
        lines.append(
            f"| {lang} | " + " | ".join(f"{c.rate:.3f} ({c.right}/{c.total})" for c in cells) + " |"
        )
    if timings:
        ordered = sorted(timings)
        p95 = ordered[int(0.95 * (len(ordered) - 1))]
        lines.append("")
        lines.append(
            f"{len(timings)} turns: median {statistics.median(timings) * 1000:.0f} ms, "
            f"p95 {p95 * 1000:.0f} ms per turn."
        )
    return "\n".join(lines)
