"""Rasa's endpoints file follows the settings: same database as the store, Redis locks;
the credentials file has the signed channel, and the open REST channel only in development."""

import stat

import yaml

from ric.cli import run_secrets
from ric.rasa_endpoints import (
    NLG_CLASS,
    SIGNED_CHANNEL,
    credentials,
    endpoints,
    write_credentials,
    write_endpoints,
)
from ric.settings import load


def test_default_settings_use_the_sqlite_store_and_the_catalog_nlg(tmp_path):
    settings = load({"RIC_VAR_DIR": str(tmp_path)})
    config = endpoints(settings)
    assert config["tracker_store"] == {
        "type": "SQL",
        "dialect": "sqlite",
        "db": str(tmp_path / "ric.db"),
    }
    assert config["nlg"] == {"type": NLG_CLASS}
    assert config["action_endpoint"]["url"] == "http://127.0.0.1:5055/webhook"
    assert "lock_store" not in config


def test_production_settings_use_postgresql_and_redis(tmp_path):
    settings = load(
        {
            "DATABASE_URL": "postgresql://ric:secret@db.internal:5433/ric",
            "REDIS_URL": "redis://127.0.0.1:6379/2",
        }
    )
    config = endpoints(settings)
    assert config["tracker_store"] == {
        "type": "SQL",
        "dialect": "postgresql",
        "url": "db.internal",
        "db": "ric",
        "port": 5433,
        "username": "ric",
        "password": "secret",
    }
    assert config["lock_store"] == {"type": "redis", "url": "127.0.0.1", "port": 6379, "db": 2}
    path = write_endpoints(settings, tmp_path / "endpoints.yml")
    assert yaml.safe_load(path.read_text())["lock_store"]["db"] == 2


def test_the_redis_lock_store_of_the_settings_accepts_connections():
    """The production lock store answers on 127.0.0.1:6379 (runs on this machine and CI)."""
    from rasa.core.lock_store import RedisLockStore

    store = RedisLockStore(host="127.0.0.1", port=6379, db=2)
    lock = store.create_lock("ric-test-conversation")
    store.save_lock(lock)
    assert store.get_lock("ric-test-conversation") is not None
    store.delete_lock("ric-test-conversation")


def test_production_credentials_have_only_the_signed_channel(tmp_path):
    settings = load({"RIC_DEVELOPMENT": "false"})
    assert credentials(settings) == {SIGNED_CHANNEL: None}
    path = write_credentials(settings, tmp_path / "credentials.yml")
    assert "rest" not in yaml.safe_load(path.read_text())


def test_development_adds_the_rest_channel_only_when_rasa_is_on_loopback():
    assert credentials(load({"RIC_DEVELOPMENT": "true"})) == {SIGNED_CHANNEL: None, "rest": None}
    exposed = load({"RIC_DEVELOPMENT": "true", "RASA_HOST": "0.0.0.0"})
    assert "rest" not in credentials(exposed)


def test_rasa_sends_the_action_secret_and_the_file_is_private(tmp_path):
    settings = load({"ACTION_SECRET": "x" * 40, "ACTION_HOST": "0.0.0.0"})
    action = endpoints(settings)["action_endpoint"]
    assert action["headers"] == {"Authorization": f"Bearer {'x' * 40}"}
    assert action["url"] == "http://127.0.0.1:5055/webhook"
    path = write_endpoints(settings, tmp_path / "endpoints.yml")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_ric_run_replaces_published_default_secrets_outside_development_only():
    production = run_secrets(load({}))
    assert set(production) == {"RASA_CHANNEL_SECRET", "ACTION_SECRET", "RASA_TOKEN"}
    assert all(len(value) >= 32 for value in production.values())
    assert run_secrets(load({})) != production  # random per run
    assert run_secrets(load({"RIC_DEVELOPMENT": "true"})) == {}
    chosen = load({"ACTION_SECRET": "y" * 40})
    assert "ACTION_SECRET" not in run_secrets(chosen)
