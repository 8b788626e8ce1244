"""The safety word list in `knowledge/safety.yml`: a net under the language model.

The file holds one list of phrases per category (suicide, harm_others, threatened);
each category has its own response. Checked in that order: the first match wins.
"""

from __future__ import annotations

import re
import threading
from pathlib import Path

import yaml

CATEGORIES: tuple[str, ...] = ("suicide", "harm_others", "threatened")
DEFAULT_CATEGORY = "suicide"  # the safety intent without a matching phrase

_lock = threading.Lock()
_cache: dict[Path, tuple[float, dict[str, re.Pattern[str]]]] = {}


def _phrases(data: dict) -> dict[str, list[str]]:
    """Phrases per category; an old file with one `patterns:` list counts as suicide."""
    by_category: dict[str, list[str]] = {}
    for category, by_lang in (data.get("categories") or {}).items():
        by_category[category] = [p for phrases in (by_lang or {}).values() for p in phrases or ()]
    if data.get("patterns"):
        by_category.setdefault(DEFAULT_CATEGORY, []).extend(
            p for phrases in data["patterns"].values() for p in phrases or ()
        )
    return by_category


def compile_categories(path: Path) -> dict[str, re.Pattern[str]]:
    """One case-insensitive pattern per category (re-read when the file changes)."""
    mtime = path.stat().st_mtime
    with _lock:
        cached = _cache.get(path)
        if cached is not None and cached[0] == mtime:
            return cached[1]
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    patterns = {
        category: re.compile("|".join(f"(?:{p})" for p in phrases), re.IGNORECASE)
        for category, phrases in _phrases(data).items()
        if phrases
    }
    with _lock:
        _cache[path] = (mtime, patterns)
    return patterns


def safety_category(text: str, knowledge_dir: Path) -> str | None:
    """The first category (in CATEGORIES order) whose phrases the text contains, or None."""
    if not text or text.startswith("/"):
        return None
    patterns = compile_categories(Path(knowledge_dir) / "safety.yml")
    for category in CATEGORIES:
        pattern = patterns.get(category)
        if pattern is not None and pattern.search(text):
            return category
    return None


def is_safety_concern(text: str, knowledge_dir: Path) -> bool:
    """Whether the text contains a phrase from the safety list."""
    return safety_category(text, knowledge_dir) is not None
