"""The safety word list in `knowledge/safety.yml`: a net under the language model."""

from __future__ import annotations

import re
import threading
from pathlib import Path

import yaml

_lock = threading.Lock()
_cache: dict[Path, tuple[float, re.Pattern[str] | None]] = {}


def compile_patterns(path: Path) -> re.Pattern[str] | None:
    """One case-insensitive pattern of every phrase in the file (re-read when it changes)."""
    mtime = path.stat().st_mtime
    with _lock:
        cached = _cache.get(path)
        if cached is not None and cached[0] == mtime:
            return cached[1]
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    phrases = [p for patterns in (data.get("patterns") or {}).values() for p in patterns or ()]
    pattern = re.compile("|".join(f"(?:{p})" for p in phrases), re.IGNORECASE) if phrases else None
    with _lock:
        _cache[path] = (mtime, pattern)
    return pattern


def is_safety_concern(text: str, knowledge_dir: Path) -> bool:
    """Whether the text contains a phrase from the safety list."""
    if not text or text.startswith("/"):
        return False
    pattern = compile_patterns(Path(knowledge_dir) / "safety.yml")
    return bool(pattern and pattern.search(text))
