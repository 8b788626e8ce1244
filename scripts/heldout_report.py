"""Scores the held-out sets in tests/data/heldout/ end to end against a running assistant.

Start the development stack first (`make run`: Rasa's REST channel on 127.0.0.1), then
`.venv/bin/python scripts/heldout_report.py [--rasa http://127.0.0.1:5005]`. Every
message goes through Rasa's REST channel as a new sender, so what is scored is what a
detainee gets back: the article of the answer (`custom.article`) and the safety
response (`custom.safety`). Intents are scored on `/model/parse` (NLU alone). Prints a
table per language and the median time per turn. Uses only 127.0.0.1.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from ric.quality import heldout  # noqa: E402

HELDOUT = ROOT / "tests" / "data" / "heldout"
LANGS = ("nl", "en", "ar", "tr", "pl")


def post(url: str, body: dict) -> tuple[list | dict, float]:
    """POSTs JSON; returns the parsed answer and the seconds it took."""
    request = urllib.request.Request(
        url, data=json.dumps(body).encode(), headers={"Content-Type": "application/json"}
    )
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=60) as response:
        answer = json.loads(response.read())
    return answer, time.perf_counter() - started


def say(rasa: str, text: str, lang: str, timings: list[float]) -> list[dict]:
    """One message as a new sender; the assistant's messages."""
    sender = f"HELDOUT-{lang}-{uuid.uuid4().hex[:10]}"
    body = {"sender": sender, "message": text, "metadata": {"language": lang}}
    answer, seconds = post(f"{rasa}/webhooks/rest/webhook", body)
    timings.append(seconds)
    return answer


def customs(messages: list[dict], key: str) -> set[str]:
    return {
        str(m["custom"][key])
        for m in messages
        if isinstance(m.get("custom"), dict) and m["custom"].get(key)
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rasa", default="http://127.0.0.1:5005")
    parser.add_argument("--token", default="dev-rasa-token")
    parser.add_argument("--limit", type=int, default=0, help="At most this many per list.")
    args = parser.parse_args()
    sets = heldout.load(HELDOUT)
    crisis, articles, intents = sets["crisis"], sets["articles"], sets["intents"]
    cut = (lambda items: items[: args.limit]) if args.limit else (lambda items: items)
    timings: list[float] = []
    rows = []
    for lang in LANGS:
        hits = caught = right_category = 0
        for item in cut(crisis[lang]["crisis"]):
            found = customs(say(args.rasa, item["text"], lang, timings), "safety")
            caught += bool(found)
            right_category += item["category"] in found
        alarms = sum(
            bool(customs(say(args.rasa, text, lang, timings), "safety"))
            for text in cut(crisis[lang]["harmless"])
        )
        questions = [(q, slug) for slug, qs in articles[lang].items() for q in qs]
        for question, slug in cut(questions):
            hits += slug in customs(say(args.rasa, question, lang, timings), "article")
        intent_total = intent_right = 0
        for intent, messages in intents[lang].items():
            for text in cut(messages):
                parsed, _ = post(f"{args.rasa}/model/parse?token={args.token}", {"text": text})
                intent_total += 1
                intent_right += (parsed.get("intent") or {}).get("name") == intent
        n_crisis = len(cut(crisis[lang]["crisis"]))
        n_harmless = len(cut(crisis[lang]["harmless"]))
        rows.append(
            (
                lang,
                intent_right / intent_total,
                hits / len(cut(questions)),
                caught / n_crisis,
                right_category / n_crisis,
                alarms / n_harmless,
            )
        )
        print(f"{lang} done", file=sys.stderr, flush=True)
    header = (
        "lang",
        "intents (parse)",
        "right article",
        "crisis recall",
        "category",
        "false alarms",
    )
    print("| " + " | ".join(header) + " |")
    print("|---|---|---|---|---|---|")
    for lang, *figures in rows:
        print(f"| {lang} | " + " | ".join(f"{value:.3f}" for value in figures) + " |")
    print(
        f"\n{len(timings)} turns through the REST channel: median "
        f"{statistics.median(timings) * 1000:.0f} ms, p95 "
        f"{sorted(timings)[int(len(timings) * 0.95)] * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
