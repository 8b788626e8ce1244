"""Measures NLU pipelines and writes docs/nlu.md (`make nlu-report`; takes ~20 minutes).

Compares, on the project's own training data (every language, the generated `faq`
examples included):
  A  the pipeline in config.yml (word + char n-grams, DIET, no spaCy);
  B  the same with a blank spaCy `nl` pipeline and its lookup lemmas (SpacyNLP);
  C  pipeline A trained as one model per language.
A and B by stratified k-fold cross-validation; C on the first fold's split only.
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


def config(variant: str, spacy_path: Path) -> dict:
    base = yaml.safe_load((ROOT / "config.yml").read_text(encoding="utf-8"))
    base = copy.deepcopy(base)
    base["policies"] = []
    if variant == "B":
        pipeline = [
            {"name": "SpacyNLP", "model": str(spacy_path)},
            {"name": "SpacyTokenizer"},
        ] + [c for c in base["pipeline"] if c["name"] != "WhitespaceTokenizer"]
        for component in pipeline:
            if component["name"] == "CountVectorsFeaturizer" and "analyzer" not in component:
                component["use_lemma"] = True
        base["pipeline"] = pipeline
    return base


def build_spacy(path: Path) -> None:
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    nlp.to_disk(path)


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
    work = Path(tempfile.mkdtemp(prefix="nlu-report-"))
    spacy_path = work / "spacy-nl"
    build_spacy(spacy_path)
    results = {}
    seconds = collections.defaultdict(list)
    for variant in ("A", "B"):
        predictions = [None] * len(rows)
        for fold in range(FOLDS):
            train = [r for i, r in enumerate(rows) if assignment[i] != fold]
            test_idx = [i for i in range(len(rows)) if assignment[i] == fold]
            predicted, took = train_and_predict(
                train,
                [rows[i] for i in test_idx],
                config(variant, spacy_path),
                work / f"{variant}{fold}",
            )
            seconds[variant].append(took)
            for i, p in zip(test_idx, predicted, strict=True):
                predictions[i] = p
            print(f"{variant} fold {fold}: {took:.0f}s", flush=True)
        results[variant], counts = score(rows, predictions)
    # C: one model per language, on fold 0's split (faq examples go to every language).
    test_idx = [i for i in range(len(rows)) if assignment[i] == 0]
    per_language = {}
    for lang in LANGS:
        train = [r for i, r in enumerate(rows) if assignment[i] != 0 and r[2] in (lang, "multi")]
        test = [rows[i] for i in test_idx if rows[i][2] == lang]
        predicted, took = train_and_predict(train, test, config("A", spacy_path), work / f"C{lang}")
        seconds["C"].append(took)
        per_language[lang] = score(test, predicted)[0]["all"]
        print(f"C {lang}: {took:.0f}s", flush=True)
    a_fold0 = score([rows[i] for i in test_idx], _fold_predictions(rows, assignment, work))[0]
    write_report(results, counts, per_language, a_fold0, seconds)
    shutil.rmtree(work, ignore_errors=True)


def _fold_predictions(rows, assignment, work):
    """Pipeline A's predictions on fold 0 (its fold-0 model), to compare with C fairly."""
    from rasa.core.agent import Agent

    agent = Agent.load(str(work / "A0" / "m.tar.gz"))
    test = [rows[i] for i in range(len(rows)) if assignment[i] == 0]

    async def predict():
        return [(await agent.parse_message(plain(t)))["intent"]["name"] for t, _, _ in test]

    return asyncio.run(predict())


def write_report(results, counts, per_language, a_fold0, seconds) -> None:
    keys = ["all", *LANGS, "multi"]
    lines = [
        "# NLU measurements",
        "",
        f"Made by `make nlu-report` (scripts/nlu_report.py) on {dt.date.today()}, on this",
        "project's training data: every contract intent in nl, en, ar, tr and pl, plus the",
        "`faq` intent generated from the knowledge articles (`multi` = faq examples, all",
        f"languages). Intent accuracy by stratified {FOLDS}-fold cross-validation; each",
        "example is predicted by the model that did not see it.",
        "",
        "| pipeline | " + " | ".join(keys) + " | train s/fold |",
        "| --- | " + " | ".join("---" for _ in keys) + " | --- |",
    ]
    names = {
        "A": "A: whitespace + word/char n-grams + DIET (config.yml)",
        "B": "B: A with blank spaCy `nl` + lookup lemmas",
    }
    for variant in ("A", "B"):
        cells = [f"{results[variant].get(k, 0):.3f}" for k in keys]
        lines.append(
            f"| {names[variant]} | "
            + " | ".join(cells)
            + f" | {sum(seconds[variant]) / len(seconds[variant]):.0f} |"
        )
    lines += [
        "",
        f"Test examples per column: {', '.join(f'{k} {counts[k]}' for k in keys)}.",
        "",
        "## One model, or one per language?",
        "",
        "Fold 0 only: pipeline A as one multilingual model versus five models, one per",
        "language (each trained on its language plus the faq examples).",
        "",
        "| language | one model | one per language |",
        "| --- | --- | --- |",
    ]
    for lang in LANGS:
        lines.append(f"| {lang} | {a_fold0.get(lang, 0):.3f} | {per_language[lang]:.3f} |")
    better = "A" if results["A"]["all"] >= results["B"]["all"] else "B"
    lines += [
        "",
        "## Decision",
        "",
        f"Kept: pipeline {better} (higher overall accuracy"
        + ("; no spaCy model to build or ship" if better == "A" else "")
        + ").",
        "One multilingual model is kept when it is within a point of the per-language",
        "models: one Rasa server, one training, and mixed-language messages still work.",
        "",
    ]
    (ROOT / "docs" / "nlu.md").write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
