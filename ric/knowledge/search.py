"""Runtime search over the articles: TF-IDF on character n-grams, per language.

Built from the article files when they change, so a new or edited article is found at
once, without retraining. Each article is represented by its title, its answer and each
example question; the score of an article is its best cosine similarity.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Mapping

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from ric.content.articles import Article
from ric.languages import SOURCE_LANGUAGE


@dataclasses.dataclass(frozen=True)
class Hit:
    slug: str
    score: float


class _LanguageIndex:
    def __init__(self, articles: Mapping[str, Article], lang: str) -> None:
        documents, owners = [], []
        for slug, article in articles.items():
            texts = [article.texts[lang]] if lang in article.texts else []
            for text in texts:
                for document in (text.title, text.answer, *text.examples):
                    documents.append(document)
                    owners.append(slug)
        self.owners = np.array(owners)
        self.vectorizer = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), lowercase=True, sublinear_tf=True
        )
        self.matrix = self.vectorizer.fit_transform(documents) if documents else None

    def search(self, question: str, limit: int) -> list[Hit]:
        if self.matrix is None or not question.strip():
            return []
        scores = (self.matrix @ self.vectorizer.transform([question]).T).toarray().ravel()
        best: dict[str, float] = {}
        for slug, score in zip(self.owners, scores, strict=True):
            if score > best.get(slug, 0.0):
                best[slug] = float(score)
        ranked = sorted(best.items(), key=lambda item: item[1], reverse=True)[:limit]
        return [Hit(slug, score) for slug, score in ranked]


class ArticleSearch:
    """Search indexes per language, rebuilt when the articles change."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: object = None
        self._indexes: dict[str, _LanguageIndex] = {}

    def search(
        self,
        articles: Mapping[str, Article],
        signature: object,
        question: str,
        lang: str,
        limit: int = 3,
    ) -> list[Hit]:
        """The best articles for the question in the language (Dutch index as fallback)."""
        with self._lock:
            if self._key != signature:
                self._indexes = {}
                self._key = signature
            index = self._indexes.get(lang)
            if index is None:
                index = self._indexes[lang] = _LanguageIndex(articles, lang)
        hits = index.search(question, limit)
        if lang != SOURCE_LANGUAGE and (not hits or hits[0].score < 0.2):
            dutch = self.search(articles, signature, question, SOURCE_LANGUAGE, limit)
            if dutch and (not hits or dutch[0].score > hits[0].score):
                return dutch
        return hits
