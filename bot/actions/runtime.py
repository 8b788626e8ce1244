"""Resources of the action server, built once on first use (never at import)."""

from __future__ import annotations

import functools

from sqlalchemy.orm import sessionmaker

from ric import settings as settings_module
from ric.content.repository import ContentRepository
from ric.knowledge.search import ArticleSearch
from ric.store.db import make_engine, make_sessionmaker


@functools.lru_cache(maxsize=1)
def settings() -> settings_module.Settings:
    """The settings of this process."""
    return settings_module.load()


@functools.lru_cache(maxsize=1)
def sessions() -> sessionmaker:
    """The session factory of the case store."""
    return make_sessionmaker(make_engine(settings().database_url))


@functools.lru_cache(maxsize=1)
def content() -> ContentRepository:
    """Flows and articles from `knowledge/`, re-read when they change."""
    return ContentRepository(settings().knowledge_dir, settings().languages)


def reset() -> None:
    """Forgets every resource (tests that change settings)."""
    settings.cache_clear()
    sessions.cache_clear()
    content.cache_clear()
    article_search.cache_clear()


@functools.lru_cache(maxsize=1)
def article_search() -> ArticleSearch:
    """The runtime search over the articles (rebuilt when they change)."""
    return ArticleSearch()
