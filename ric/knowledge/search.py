"""Runtime search over the articles: TF-IDF on character and word n-grams, per language,
plus whole-word matching of each article's synonyms.

Built from the article files when they change, so a new or edited article is found at
once, without retraining. Each article is one profile (title weighted three times, the
answer, the easy text, the longer text, every example question and every synonym of the
language); a question's TF-IDF score for an article is the mean cosine similarity under
both vectorisers. The choices were measured on the articles' own examples and the
held-out set (docs/knowledge.md).

A short question such as "GGZ?" or "wat is het CAK" shares too little with a whole
profile to pass RIC_KNOWLEDGE_MIN_SCORE. So each article's synonyms (`synonyms:` in its
file; the Dutch ones count in every language) are also matched as whole words, in any
case and without punctuation or accents: "cak" never matches inside "cake". The share of
the question they cover, each word weighted by its IDF squared so that "wat is het"
counts for little, gives a second score: SYNONYM_SCORE for a question that is nothing
but synonyms, else PARTIAL_SYNONYM_SCORE times that share. An article's score is the
higher of the two, so a normal question keeps its TF-IDF ranking unless it is mostly a
synonym of another article.

Both vectorisers compare the normalised text (ric.normalise: no accents, one Arabic
alef), so Turkish typed without its letters is found. Then meaning: the question's
multilingual sentence embedding (ric.embeddings) is compared with every title, example
question and synonym, which carries Moroccan Arabic and paraphrases the n-grams miss.
"""

from __future__ import annotations

import dataclasses
import math
import threading
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from ric import embeddings
from ric.content.articles import Article, word_key
from ric.languages import SOURCE_LANGUAGE
from ric.normalise import normalise

TITLE_WEIGHT = 3
SYNONYM_WEIGHT = 1  # in the profile, like an example question; the whole-word match adds more
# Synonym scores, against RIC_KNOWLEDGE_MIN_SCORE (0.15) and RIC_KNOWLEDGE_SURE_SCORE (0.45):
# Meaning: the nearest title, example or synonym by sentence embedding adds
# MEANING_WEIGHT x (cosine - MEANING_FLOOR). Chosen on tests/data/retrieval_questions.yml
# (never on the held-out sets): top-1 above the minimum score went from nl 0.883 / en
# 0.840 / ar 0.630 / tr 0.815 / pl 0.827 (accents folded, no meaning) to 0.904 / 0.938 /
# 0.901 / 0.877 / 0.951.
MEANING_WEIGHT = 0.2
MEANING_FLOOR = 0.1
SYNONYM_SCORE = 0.6  # the question is synonyms only ("GGZ?"): sure, like a keyword
PARTIAL_SYNONYM_SCORE = 0.4  # times the share covered: a sentence that holds a synonym
# ("ik heb schulden") stays under the sure score, so a stated need still starts its flow


@dataclasses.dataclass(frozen=True)
class Hit:
    slug: str
    score: float


def profile(article: Article, lang: str) -> str:
    """The text that represents an article in one language."""
    text = article.texts[lang]
    parts = [text.title] * TITLE_WEIGHT + [text.answer, text.easy, text.more or ""]
    synonyms = list(article.synonyms.get(lang, ())) * SYNONYM_WEIGHT
    return " ".join(parts + list(text.examples) + synonyms)


def covered(words: Sequence[str], synonyms: Sequence[Sequence[str]]) -> set[int]:
    """Positions of the question's words that belong to a synonym found as whole words."""
    positions: set[int] = set()
    for synonym in synonyms:
        size = len(synonym)
        for start in range(len(words) - size + 1):
            if tuple(words[start : start + size]) == tuple(synonym):
                positions.update(range(start, start + size))
    return positions


class _LanguageIndex:
    def __init__(self, articles: Mapping[str, Article], lang: str) -> None:
        # scikit-learn loads when the first search is made, not when a module imports this
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.slugs = [slug for slug, article in articles.items() if lang in article.texts]
        documents = [profile(articles[slug], lang) for slug in self.slugs]
        self.vectorizers = [
            TfidfVectorizer(
                analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, preprocessor=normalise
            ),
            TfidfVectorizer(
                analyzer="word", ngram_range=(1, 2), sublinear_tf=True, preprocessor=normalise
            ),
        ]
        self.matrices = [v.fit_transform(documents) for v in self.vectorizers] if documents else []
        self.synonyms = [
            [tuple(word_key(s).split()) for s in articles[slug].synonyms_in(lang)]
            for slug in self.slugs
        ]
        self._articles = articles
        self._lang = lang
        self._meaning: tuple[np.ndarray, np.ndarray] | None = None
        # Smoothed IDF, as scikit-learn computes it, over the words of the profiles.
        frequency = Counter(w for d in documents for w in set(word_key(d).split()))
        count = len(documents)
        self.rarest = 1 + math.log((1 + count) / 1)
        self.idf = {w: 1 + math.log((1 + count) / (1 + df)) for w, df in frequency.items()}

    def synonym_scores(self, question: str) -> np.ndarray:
        """Per article: the score for the IDF² share of the question its synonyms cover."""
        words = word_key(question).split()
        weights = [self.idf.get(w, self.rarest) ** 2 for w in words]
        total = sum(weights)
        scores = np.zeros(len(self.slugs))
        if not total:
            return scores
        for index, synonyms in enumerate(self.synonyms):
            found = covered(words, synonyms)
            if len(found) == len(words):
                scores[index] = SYNONYM_SCORE
            elif found:
                scores[index] = PARTIAL_SYNONYM_SCORE * sum(weights[i] for i in found) / total
        return scores

    def _meaning_index(self) -> tuple[np.ndarray, np.ndarray]:
        """Row labels (article positions) and embeddings of every title, example question
        and synonym, in this language and in Dutch; built on first use."""
        if self._meaning is None:
            labels, texts = [], []
            for position, slug in enumerate(self.slugs):
                article = self._articles[slug]
                for lang in dict.fromkeys((self._lang, SOURCE_LANGUAGE)):
                    if lang in article.texts:
                        text = article.texts[lang]
                        for line in (text.title, *text.examples, *article.synonyms.get(lang, ())):
                            labels.append(position)
                            texts.append(normalise(line))
            self._meaning = (np.array(labels, dtype=int), embeddings.encode(texts))
        return self._meaning

    def meaning_scores(self, question: str) -> np.ndarray:
        """Per article: MEANING_WEIGHT times how far its nearest text's cosine similarity
        to the question is above MEANING_FLOOR (multilingual sentence embeddings)."""
        labels, vectors = self._meaning_index()
        scores = np.zeros(len(self.slugs))
        if not len(labels):
            return scores
        similarity = vectors @ embeddings.encode([normalise(question)])[0]
        np.maximum.at(scores, labels, similarity)
        return MEANING_WEIGHT * np.maximum(scores - MEANING_FLOOR, 0.0)

    def search(self, question: str, limit: int) -> list[Hit]:
        if not self.matrices or not question.strip():
            return []
        total = None
        for vectorizer, matrix in zip(self.vectorizers, self.matrices, strict=True):
            scores = (matrix @ vectorizer.transform([question]).T).toarray().ravel()
            total = scores if total is None else total + scores
        total = np.maximum(total / len(self.matrices), self.synonym_scores(question))
        total = total + self.meaning_scores(question)
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
