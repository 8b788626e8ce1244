"""Rasa's endpoints file follows the settings: same database as the store, Redis locks."""

import yaml

from ric.rasa_endpoints import NLG_CLASS, endpoints, write_endpoints
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
