"""Compares NLU pipelines and writes docs/nlu.md (`make nlu-compare`; takes about an hour).

On the project's own training data (every language, the generated `faq` examples
included), by stratified k-fold cross-validation, and on the held-out intent messages in
tests/data/heldout/intents.*.yml (model trained on all training data; NLU alone, top-1
intent of `parse`). The held-out figures end to end are `make nlu-report`.
  A  word + char n-grams, DIET (the pipeline before sentence embeddings);
  E  A + multilingual sentence embeddings (ric.nlu.sentence_embeddings), DIET;
  L  word + char n-grams + sentence embeddings, Rasa's LogisticRegressionClassifier;
  N  word + char n-grams, LogisticRegressionClassifier (no embeddings).
"""

from __future__ import annotations

import asyncio
import collections
import copy
import datetime as dt
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")

FOLDS = int(os.environ.get("NLU_FOLDS", "3"))
HELDOUT_SET = os.environ.get("RIC_NLU_SET", "heldout")
LANGS = ("nl", "en", "ar", "tr", "pl")


def examples() -> list[tuple[str, str, str]]:
    """(text with annotations, intent, language) for every training example."""
    from ric.training import generate_data

    generate_data(ROOT / "knowledge", LANGS)
    rows = []
    for path in sorted((ROOT / "bot" / "data" / "nlu").rglob("*.yml")):
        lang = path.parent.name if path.parent.name in LANGS else "nl"
        for block in yaml.safe_load(path.read_text(encoding="utf-8"))["nlu"]:
            if "intent" not in block:
                continue
            for line in block["examples"].splitlines():
                line = line.strip()
                if line.startswith("- "):
                    rows.append((line[2:].strip(), block["intent"], lang))
    faq = ROOT / "bot" / "data" / "generated" / "knowledge.yml"
    for line in faq.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("- ") and "intent:" not in line:
            rows.append((line[2:].strip(), "faq", "multi"))
    return rows


def plain(text: str) -> str:
    """The text without entity annotations: [word]{...} or [word](...) -> word."""
    import re

    return re.sub(r"\[([^\]]+)\](\{[^}]*\}|\([^)]*\))", r"\1", text)


def folds(rows, k, seed=42):
    by_intent = collections.defaultdict(list)
    for index, row in enumerate(rows):
        by_intent[row[1]].append(index)
    rng = random.Random(seed)
    assignment = {}
    for indexes in by_intent.values():
        rng.shuffle(indexes)
        for position, index in enumerate(indexes):
            assignment[index] = position % k
    return assignment


def write_nlu(rows, path: Path) -> None:
    by_intent = collections.defaultdict(list)
    for text, intent, _ in rows:
        by_intent[intent].append(text)
    lines = ['version: "3.1"', "nlu:"]
    for intent, texts in by_intent.items():
        lines.append(f"- intent: {intent}")
        lines.append("  examples: |")
        lines += [f"    - {text}" for text in texts]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


EMBEDDINGS = "ric.nlu.sentence_embeddings.SentenceEmbeddingFeaturizer"
VARIANTS = {
    "A": "A: word/char n-grams + DIET",
    "E": "E: A + sentence embeddings (USE-multilingual v3) + DIET",
    "L": "L: word/char n-grams + sentence embeddings + LogisticRegressionClassifier",
    "N": "N: word/char n-grams + LogisticRegressionClassifier",
}


def config(variant: str) -> dict:
    """The NLU pipeline of a variant, built from config.yml's components."""
    base = copy.deepcopy(yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8")))
    base["policies"] = []
    pipeline = [c for c in base["pipeline"] if c["name"] != EMBEDDINGS]
    position = next(i for i, c in enumerate(pipeline) if c["name"] == "DIETClassifier")
    if variant in ("L", "N"):
        pipeline[position] = {"name": "LogisticRegressionClassifier", "random_state": 42}
    if variant in ("E", "L"):
        pipeline.insert(position, {"name": EMBEDDINGS})
    base["pipeline"] = pipeline
    return base


def heldout_intents() -> list[tuple[str, str, str]]:
    from ric.quality import heldout

    data = heldout.load(ROOT / "tests" / "data" / HELDOUT_SET)["intents"]
    return [
        (text, intent, lang)
        for lang, by_intent in data.items()
        if isinstance(by_intent, dict)
        for intent, texts in by_intent.items()
        for text in texts
    ]


def train_and_predict(train_rows, test_rows, cfg: dict, work: Path) -> tuple[list[str], float]:
    from rasa.core.agent import Agent

    work.mkdir(parents=True, exist_ok=True)
    write_nlu(train_rows, work / "nlu.yml")
    (work / "config.yml").write_text(yaml.safe_dump(cfg), encoding="utf-8")
    intents = sorted({r[1] for r in train_rows})
    (work / "domain.yml").write_text(
        yaml.safe_dump({"version": "3.1", "intents": intents}), encoding="utf-8"
    )
    started = time.monotonic()
    subprocess.run(
        [
            str(Path(sys.executable).with_name("rasa")),
            "train",
            "nlu",
            "--config",
            str(work / "config.yml"),
            "--nlu",
            str(work / "nlu.yml"),
            "--domain",
            str(work / "domain.yml"),
            "--out",
            str(work),
            "--fixed-model-name",
            "m",
        ],
        check=True,
        capture_output=True,
    )
    seconds = time.monotonic() - started
    agent = Agent.load(str(work / "m.tar.gz"))

    async def predict():
        out = []
        for text, _, _ in test_rows:
            parsed = await agent.parse_message(plain(text))
            out.append(parsed["intent"]["name"])
        return out

    return asyncio.run(predict()), seconds


def score(rows, predictions):
    total, right = collections.Counter(), collections.Counter()
    for (_, intent, lang), predicted in zip(rows, predictions, strict=True):
        for key in (lang, "all"):
            total[key] += 1
            right[key] += predicted == intent
    return {key: right[key] / total[key] for key in total}, total


def main() -> None:
    rows = examples()
    assignment = folds(rows, FOLDS)
    held = heldout_intents()
    work = Path(tempfile.mkdtemp(prefix="nlu-compare-"))
    variants = os.environ.get("NLU_VARIANTS", "AELN")
    cross, held_out, counts, held_counts = {}, {}, {}, {}
    seconds = collections.defaultdict(list)
    for variant in variants:
        predictions = [None] * len(rows)
        for fold in range(FOLDS):
            train = [r for i, r in enumerate(rows) if assignment[i] != fold]
            test_idx = [i for i in range(len(rows)) if assignment[i] == fold]
            predicted, took = train_and_predict(
                train, [rows[i] for i in test_idx], config(variant), work / f"{variant}{fold}"
            )
            seconds[variant].append(took)
            for i, p in zip(test_idx, predicted, strict=True):
                predictions[i] = p
            print(f"{variant} fold {fold}: {took:.0f}s", flush=True)
        cross[variant], counts = score(rows, predictions)
        predicted, took = train_and_predict(rows, held, config(variant), work / f"{variant}all")
        held_out[variant], held_counts = score(held, predicted)
        seconds[f"{variant}all"].append(took)
        print(f"{variant} all: {took:.0f}s held-out {held_out[variant]}", flush=True)
        shutil.rmtree(work / f"{variant}all", ignore_errors=True)
    write_report(variants, cross, counts, held_out, held_counts, seconds)
    shutil.rmtree(work, ignore_errors=True)


# What follows this line in docs/nlu.md is written by hand and kept on a new run.
MARKER = "<!-- measured above by scripts/nlu_compare.py; written by hand below -->"


def write_report(variants, cross, counts, held_out, held_counts, seconds) -> None:
    keys = ["all", *LANGS, "multi"]
    held_keys = ["all", *LANGS]
    lines = [
        "# NLU measurements",
        "",
        f"Made by `make nlu-compare` (scripts/nlu_compare.py) on {dt.date.today()}, on 2 cores.",
        "",
        "## Cross-validation on the training data",
        "",
        "Every contract intent in nl, en, ar, tr and pl, plus the `faq` intent generated",
        "from the knowledge articles (`multi` = faq examples, all languages). Intent",
        f"accuracy by stratified {FOLDS}-fold cross-validation; each example is predicted by",
        "the model that did not see it; a prediction under the fallback threshold counts as wrong.",
        "",
        "| pipeline | " + " | ".join(keys) + " | train s/fold |",
        "| --- | " + " | ".join("---" for _ in keys) + " | --- |",
    ]
    for v in variants:
        cells = [f"{cross[v].get(k, 0):.3f}" for k in keys]
        per_fold = sum(seconds[v]) / len(seconds[v])
        lines.append(f"| {VARIANTS[v]} | " + " | ".join(cells) + f" | {per_fold:.0f} |")
    lines += [
        "",
        f"Test examples per column: {', '.join(f'{k} {counts[k]}' for k in keys)}.",
        "",
        "## Held-out intent messages (NLU alone)",
        "",
        "tests/data/heldout/intents.yml, written apart from the training data; each model",
        "trained on all training data; top-1 intent of `parse`. What a detainee gets back",
        "end to end (with the knowledge routing and the crisis detector) is `make nlu-report`.",
        "",
        "| pipeline | " + " | ".join(held_keys) + " | train s (all data) |",
        "| --- | " + " | ".join("---" for _ in held_keys) + " | --- |",
    ]
    for v in variants:
        cells = [f"{held_out[v].get(k, 0):.3f}" for k in held_keys]
        lines.append(
            f"| {VARIANTS[v]} | " + " | ".join(cells) + f" | {seconds[v + 'all'][0]:.0f} |"
        )
    lines += [
        "",
        f"Messages per column: {', '.join(f'{k} {held_counts[k]}' for k in held_keys)}.",
        "",
    ]
    doc = ROOT / "docs" / "nlu.md"
    kept = ""
    if doc.exists() and MARKER in doc.read_text(encoding="utf-8"):
        kept = doc.read_text(encoding="utf-8").split(MARKER, 1)[1]
    doc.write_text("\n".join(lines) + "\n" + MARKER + kept, encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
