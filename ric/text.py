"""Text from people made safe to store and show: no lone surrogates, no control characters.

Used by the portal on everything typed, and by the case store on every text it writes,
so that one odd character can never make a page fail to render (issue 12).
"""

from __future__ import annotations

import re

REPLACEMENT = "\ufffd"
# Lone UTF-16 surrogates (a Python str holds a valid pair as one code point) and the C0/C1
# control characters, except tab and newline; carriage returns become newlines first.
_UNSAFE = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(value: str) -> str:
    """The text with CR/CRLF as newline and every lone surrogate or control character as U+FFFD."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return _UNSAFE.sub(REPLACEMENT, value)
