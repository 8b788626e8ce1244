"""Runtime search over the articles: TF-IDF on character and word n-grams, per language.

Built from the article files when they change, so a new or edited article is found at
once, without retraining. Each article is one profile (title weighted three times, the
answer, the easy text, the longer text and every example question); a question's score
for an article is the mean cosine similarity under both vectorisers. The choices were
measured on the articles' own examples and the held-out set (docs/knowledge.md).
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Mapping

from sklearn.feature_extraction.text import TfidfVectorizer

from ric.content.articles import Article
from ric.languages import SOURCE_LANGUAGE

TITLE_WEIGHT = 3


@dataclasses.dataclass(frozen=True)
class Hit:
    slug: str
    score: float


def profile(article: Article, lang: str) -> str:
    """The text that represents an article in one language."""
    text = article.texts[lang]
    parts = [text.title] * TITLE_WEIGHT + [text.answer, text.easy, text.more or ""]
    return " ".join(parts + list(text.examples))


class _LanguageIndex:
    def __init__(self, articles: Mapping[str, Article], lang: str) -> None:
        self.slugs = [slug for slug, article in articles.items() if lang in article.texts]
        documents = [profile(articles[slug], lang) for slug in self.slugs]
        self.vectorizers = [
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
            TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True),
        ]
        self.matrices = [v.fit_transform(documents) for v in self.vectorizers] if documents else []

    def search(self, question: str, limit: int) -> list[Hit]:
        if not self.matrices or not question.strip():
            return []
        total = None
        for vectorizer, matrix in zip(self.vectorizers, self.matrices, strict=True):
            scores = (matrix @ vectorizer.transform([question]).T).toarray().ravel()
            total = scores if total is None else total + scores
        total = total / len(self.matrices)
        ranked = sorted(zip(self.slugs, total, strict=True), key=lambda item: -item[1])
        return [Hit(slug, float(score)) for slug, score in ranked[:limit]]


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
        if lang != SOURCE_LANGUAGE and (not hits or hits[0].score < 0.1):
            dutch = self.search(articles, signature, question, SOURCE_LANGUAGE, limit)
            if dutch and (not hits or dutch[0].score > hits[0].score):
                return dutch
        return hits
