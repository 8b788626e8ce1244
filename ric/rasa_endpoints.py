"""Rasa's endpoints file, written from the settings so Rasa and the store share a database."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from sqlalchemy.engine import make_url

from ric.settings import Settings

NLG_CLASS = "ric.replies.nlg.CatalogNLG"


def tracker_store(database_url: str) -> dict[str, Any]:
    """Rasa's SQL tracker store configuration for a SQLAlchemy URL."""
    url = make_url(database_url)
    backend = url.get_backend_name()
    if backend == "sqlite":
        return {"type": "SQL", "dialect": "sqlite", "db": url.database}
    config: dict[str, Any] = {
        "type": "SQL",
        "dialect": url.drivername,
        "url": url.host or "127.0.0.1",
        "db": url.database,
    }
    if url.port:
        config["port"] = url.port
    if url.username:
        config["username"] = url.username
    if url.password:
        config["password"] = url.password
    return config


def lock_store(redis_url: str) -> dict[str, Any] | None:
    """Rasa's Redis lock store for several Rasa servers; None keeps it in memory."""
    if not redis_url:
        return None
    url = urlsplit(redis_url)
    config: dict[str, Any] = {
        "type": "redis",
        "url": url.hostname or "127.0.0.1",
        "port": url.port or 6379,
    }
    if url.path.strip("/"):
        config["db"] = int(url.path.strip("/"))
    return config


def endpoints(settings: Settings) -> dict[str, Any]:
    """The content of Rasa's endpoints file for these settings."""
    config: dict[str, Any] = {
        "action_endpoint": {"url": f"http://127.0.0.1:{settings.action_port}/webhook"},
        "nlg": {"type": NLG_CLASS},
        "tracker_store": tracker_store(settings.database_url),
    }
    locks = lock_store(settings.redis_url)
    if locks:
        config["lock_store"] = locks
    return config


def write_endpoints(settings: Settings, path: Path) -> Path:
    """Writes the endpoints file and returns its path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "# Written by `ric` from the settings; do not edit.\n"
    text += yaml.safe_dump(endpoints(settings), sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path
