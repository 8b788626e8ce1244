"""Read-aloud: espeak-ng (Debian package) speaks a message in its language, cached briefly."""

from __future__ import annotations

import asyncio
import hashlib
import re
import shutil
import time
from pathlib import Path

VOICES = {"nl": "nl", "en": "en", "ar": "ar", "tr": "tr", "pl": "pl"}
MAX_CHARACTERS = 1500
NOT_SPOKEN = re.compile(r"[*_#`>○◐✓–•]|[\U0001F300-\U0001FAFF\u2600-\u27BF\u2B1C\u23F3\u2796]")


class SpeechUnavailable(Exception):
    """espeak-ng is missing or failed."""


def speakable(text: str) -> str:
    """The text without Markdown marks and emoji, which espeak would spell out."""
    return " ".join(NOT_SPOKEN.sub(" ", text).split())[:MAX_CHARACTERS]


def audio_name(text: str, lang: str) -> str:
    return hashlib.sha256(f"{lang}\n{text}".encode()).hexdigest()[:32] + ".wav"


def speech_available() -> bool:
    """Whether read-aloud can work here: espeak-ng is installed (the page hides it if not)."""
    return shutil.which("espeak-ng") is not None


async def synthesize(text: str, lang: str, folder: Path) -> Path:
    """A WAV file of the text in the language (made once, then served from the cache)."""
    if shutil.which("espeak-ng") is None:
        raise SpeechUnavailable("espeak-ng is not installed")
    clean = speakable(text)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / audio_name(clean, lang)
    if target.exists():
        target.touch()
        return target
    partial = target.with_suffix(".part")
    process = await asyncio.create_subprocess_exec(
        "espeak-ng",
        "-v",
        VOICES.get(lang, "nl"),
        "-s",
        "150",
        "-w",
        str(partial),
        "--",
        clean,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.PIPE,
    )
    _, error = await process.communicate()
    if process.returncode != 0 or not partial.exists():
        raise SpeechUnavailable(error.decode(errors="replace")[:200])
    partial.replace(target)
    return target


def remove_old(folder: Path, max_age_seconds: int) -> int:
    """Deletes audio older than max_age_seconds; returns how many files went."""
    if not folder.exists():
        return 0
    limit = time.time() - max_age_seconds
    removed = 0
    for path in folder.glob("*.wav"):
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
            removed += 1
    return removed
