"""Gettext catalogs read straight from `locales/<lang>/LC_MESSAGES/messages.po`.

Reading the .po files (not compiled .mo files) means an editor's change to a catalog
is used at the next message. Fuzzy and empty entries are not used: Dutch msgids are
the source text, so a missing translation falls back to Dutch, and the test suite
fails on any missing or fuzzy entry.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from babel.messages.pofile import read_po

logger = logging.getLogger(__name__)
DOMAIN = "messages"


class Catalogs:
    """Translations per language, re-read when a .po file changes."""

    def __init__(self, locales_dir: Path) -> None:
        self.locales_dir = Path(locales_dir)
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[float, dict[str, str]]] = {}

    def po_path(self, lang: str) -> Path:
        return self.locales_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"

    def translations(self, lang: str) -> dict[str, str]:
        """msgid -> msgstr for the language (empty when it has no catalog)."""
        path = self.po_path(lang)
        try:
            mtime = path.stat().st_mtime
        except FileNotFoundError:
            return {}
        with self._lock:
            cached = self._cache.get(lang)
            if cached is not None and cached[0] == mtime:
                return cached[1]
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=lang)
        table = {
            message.id: message.string
            for message in catalog
            if message.id and isinstance(message.id, str) and message.string and not message.fuzzy
        }
        with self._lock:
            self._cache[lang] = (mtime, table)
        return table

    def gettext(self, lang: str, msgid: str) -> str:
        """The translation of msgid, or msgid itself (Dutch) with a logged warning."""
        text = self.translations(lang).get(msgid)
        if text:
            return text
        if lang != "nl":
            logger.warning("No %r translation for %r; Dutch shown", lang, msgid[:60])
        return msgid
