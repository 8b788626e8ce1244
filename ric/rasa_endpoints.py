"""Rasa's endpoints and credentials files, written from the settings.

The endpoints file makes Rasa and the store share a database and sends the action
server's shared secret; the credentials file names the input channels: the portal's
signed channel always, Rasa's open REST channel only in development on 127.0.0.1.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from sqlalchemy.engine import make_url

from ric.settings import Settings

NLG_CLASS = "ric.replies.nlg.CatalogNLG"
SIGNED_CHANNEL = "ric.rasa_channel.SignedPortalInput"  # a name only: Rasa is not imported
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


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
        "action_endpoint": {
            "url": f"http://{action_address(settings)}:{settings.action_port}/webhook",
            "headers": {"Authorization": f"Bearer {settings.action_secret}"},
        },
        "nlg": {"type": NLG_CLASS},
        "tracker_store": tracker_store(settings.database_url),
    }
    locks = lock_store(settings.redis_url)
    if locks:
        config["lock_store"] = locks
    return config


def action_address(settings: Settings) -> str:
    """Where Rasa reaches the action server (its interface; loopback for 'every interface')."""
    host = settings.action_host
    return "127.0.0.1" if host in ("0.0.0.0", "::", "") else host


def open_rest_channel(settings: Settings) -> bool:
    """Whether Rasa's unauthenticated REST channel is on: only in development, and only when
    Rasa listens on a loopback interface."""
    return bool(settings.ric_development) and settings.rasa_host in LOOPBACK


def credentials(settings: Settings) -> dict[str, Any]:
    """The content of Rasa's credentials file: the signed channel, plus REST in development."""
    config: dict[str, Any] = {SIGNED_CHANNEL: None}
    if open_rest_channel(settings):
        config["rest"] = None
    return config


def _write(path: Path, content: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "# Written by `ric` from the settings; do not edit.\n"
    text += yaml.safe_dump(content, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)  # the endpoints file holds the action secret (and a database password)
    return path


def write_endpoints(settings: Settings, path: Path) -> Path:
    """Writes the endpoints file and returns its path."""
    return _write(path, endpoints(settings))


def write_credentials(settings: Settings, path: Path) -> Path:
    """Writes the credentials file (no secrets in it) and returns its path."""
    return _write(path, credentials(settings))
