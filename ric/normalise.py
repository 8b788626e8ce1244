"""Text as the crisis detector and the knowledge search compare it: one spelling for the
many ways people type.

Lower case; Latin letters without diacritics (ş→s, ı→i, ł→l, ą→a, é→e); Arabic without
short vowels and tatweel, with one form of alef (أ إ آ ٱ → ا), ya (ى ئ → ي), waw (ؤ → و)
and ta marbuta (ة → ه); a letter typed three or more times counts twice ("doooood" →
"dood"); punctuation becomes a space. Chat spellings ("mn" → "mijn") are replaced per whole
word from the spellings in the safety files.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

_LATIN = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})
_ARABIC = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ئ": "ي",
        "ؤ": "و",
        "ة": "ه",
        "ـ": "",  # tatweel
        "؟": " ",
        "،": " ",
        "؛": " ",
    }
)
_REPEATS = re.compile(r"(\w)\1{2,}")
_NOT_WORD = re.compile(r"[^\w']+|(?<!\w)'|'(?!\w)")
_SPACES = re.compile(r"\s+")


def _strip_marks(text: str) -> str:
    """Drops combining marks: Latin accents and Arabic harakat alike."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Only the letters normalised (case, diacritics, Arabic forms, repeats); keeps
    punctuation, so a regular expression can be folded too."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = _strip_marks(text.translate(_ARABIC).translate(_LATIN))
    return _REPEATS.sub(r"\1\1", unicodedata.normalize("NFC", text))


def normalise(text: str, spellings: Mapping[str, str] | None = None) -> str:
    """The comparable form of a message (see the module docstring)."""
    text = fold(text)
    text = _SPACES.sub(" ", _NOT_WORD.sub(" ", text)).strip()
    if spellings:
        text = " ".join(spellings.get(word, word) for word in text.split(" "))
    return text
