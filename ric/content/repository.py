"""Content as the assistant uses it: files in `knowledge/`, re-read when they change."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from ric.content.articles import Article, ArticleError, read_article_file
from ric.content.flows import Flow, FlowError, read_flow_file
from ric.store.models import CONDITIONS

logger = logging.getLogger(__name__)


class ContentRepository:
    """Loads flows on first use and again whenever a file's modification time changes.

    Editors' changes therefore reach new answers at once, without a restart or retraining.
    """

    def __init__(self, knowledge_dir: Path, languages: tuple[str, ...]) -> None:
        self.knowledge_dir = Path(knowledge_dir)
        self.languages = languages
        self._lock = threading.Lock()
        self._flows: dict[str, tuple[float, Flow]] = {}
        self._articles: tuple[tuple, dict[str, Article]] | None = None

    def flow_path(self, condition: str) -> Path:
        return self.knowledge_dir / "flows" / f"{condition}.yml"

    def flow(self, condition: str) -> Flow:
        """The current flow of a condition; FlowError when the file is missing or invalid."""
        path = self.flow_path(condition)
        try:
            mtime = path.stat().st_mtime
        except FileNotFoundError as error:
            raise FlowError(f"{path}: no flow file for {condition!r}") from error
        with self._lock:
            cached = self._flows.get(condition)
            if cached is not None and cached[0] == mtime:
                return cached[1]
        flow = read_flow_file(path, self.languages)
        with self._lock:
            self._flows[condition] = (mtime, flow)
        logger.info("Loaded flow %s", path.name)
        return flow

    def flows(self) -> dict[str, Flow]:
        """All five flows, in the fixed order of the conditions."""
        return {condition: self.flow(condition) for condition in CONDITIONS}

    def articles_dir(self) -> Path:
        return self.knowledge_dir / "articles"

    def signature(self) -> tuple:
        """Names and modification times of the article files: changes when any file does."""
        return tuple(
            sorted(
                (path.name, path.stat().st_mtime_ns) for path in self.articles_dir().glob("*.yml")
            )
        )

    def articles(self) -> dict[str, Article]:
        """Every valid article by slug; an invalid file is logged and left out."""
        signature = self.signature()
        with self._lock:
            if self._articles is not None and self._articles[0] == signature:
                return self._articles[1]
        articles: dict[str, Article] = {}
        for path in sorted(self.articles_dir().glob("*.yml")):
            try:
                article = read_article_file(path, self.languages)
            except ArticleError:
                logger.exception("Article %s is invalid and is not used", path.name)
                continue
            articles[article.slug] = article
        with self._lock:
            self._articles = (signature, articles)
        return articles

    def article(self, slug: str) -> Article | None:
        return self.articles().get(slug)
