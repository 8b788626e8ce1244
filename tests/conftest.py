"""Shared fixtures: settings on a temporary SQLite store, sessions, trackers, dispatchers."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import sessionmaker

from ric import settings as settings_module
from ric.store.db import make_engine, make_sessionmaker
from ric.store.migrate import upgrade

TEST_PORTAL_SECRET = "test-portal-secret-not-the-default-0123456789"
POSTGRES_ADMIN_URL = os.environ.get(
    "RIC_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test"
)


@pytest.fixture(scope="session")
def trained_model() -> Path:
    """The model for the current training data (trained only when it changed)."""
    from ric.training import train

    model, _ = train(Path(settings_module.load().ric_models_dir))
    return model


@pytest.fixture(scope="session")
def migrated_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated to head once; tests get copies of it."""
    path = tmp_path_factory.mktemp("template") / "ric.db"
    upgrade(f"sqlite:///{path}")
    return path


@pytest.fixture
def settings(tmp_path: Path, migrated_template: Path) -> settings_module.Settings:
    """Settings of a test: a fresh, migrated SQLite store in a temporary folder."""
    database = tmp_path / "ric.db"
    shutil.copy(migrated_template, database)
    return settings_module.load(
        {
            "RIC_VAR_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{database}",
            "PORTAL_SECRET": TEST_PORTAL_SECRET,
        }
    )


@pytest.fixture
def sessions(settings: settings_module.Settings) -> Iterator[sessionmaker]:
    """A session factory on the test's store."""
    engine = make_engine(settings.database_url)
    yield make_sessionmaker(engine)
    engine.dispose()


@pytest.fixture
def tracker_store(settings):
    """Rasa's own SQL tracker store on the test's database (it creates table ``events``)."""
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.shared.core.domain import Domain

    store = SQLTrackerStore(
        Domain.empty(), dialect="sqlite", db=settings.database_url.removeprefix("sqlite:///")
    )
    yield store
    store.engine.dispose()


@pytest.fixture
def db_session(sessions: sessionmaker):
    """One session on the test's store, closed afterwards."""
    session = sessions()
    yield session
    session.rollback()
    session.close()


@pytest.fixture
def action_env(settings: settings_module.Settings, monkeypatch: pytest.MonkeyPatch):
    """The action server's runtime pointed at the test's store."""
    from bot.actions import runtime

    monkeypatch.setenv("DATABASE_URL", settings.database_url)
    monkeypatch.setenv("RIC_VAR_DIR", str(settings.var_dir))
    monkeypatch.setenv("RIC_AUTO_REGISTER", "true")  # the tests speak as made-up senders
    runtime.reset()
    yield settings
    runtime.reset()


@pytest.fixture
def dispatcher() -> CollectingDispatcher:
    return CollectingDispatcher()


def make_tracker(
    sender: str = "T0001",
    *,
    text: str = "",
    intent: str = "",
    entities: list[dict] | None = None,
    slots: dict | None = None,
    metadata: dict | None = None,
) -> Tracker:
    """A tracker whose latest message is the given text, intent and entities."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 1.0},
        "entities": entities or [],
    }
    events = [{"event": "user", "text": text, "parse_data": latest, "metadata": metadata or {}}]
    return Tracker(
        sender_id=sender,
        slots={"language": None, "flow": None, **(slots or {})},
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


@pytest.fixture
def tracker_factory():
    return make_tracker


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh PostgreSQL database on 127.0.0.1:5432 for this test session, dropped after."""
    import psycopg2
    from sqlalchemy.engine import make_url

    admin = make_url(POSTGRES_ADMIN_URL)
    name = f"ric_test_{uuid.uuid4().hex[:8]}"
    connection = psycopg2.connect(
        host=admin.host, port=admin.port or 5432, user=admin.username, dbname=admin.database
    )
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield str(admin.set(database=name))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", (name,)
        )
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
    connection.close()


@pytest.fixture
def pg_sessions(postgres_url: str) -> Iterator[sessionmaker]:
    """Sessions on the PostgreSQL test database, migrated to head, emptied after the test."""
    upgrade(postgres_url)
    engine = make_engine(postgres_url)
    yield make_sessionmaker(engine)
    from ric.store.models import Base

    with engine.begin() as connection:
        for table in reversed(Base.metadata.sorted_tables):
            connection.execute(table.delete())
    engine.dispose()


def pytest_collection_modifyitems(items):
    """Browser tests run last: Playwright's event loop must not overlap asyncio tests."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


REPORT_LINES: list[str] = []


@pytest.fixture(scope="session")
def report():
    """Adds a line to the figures printed at the end of the test run."""
    return REPORT_LINES.append


def pytest_terminal_summary(terminalreporter):
    if REPORT_LINES:
        terminalreporter.section("figures measured in this run")
        for line in REPORT_LINES:
            terminalreporter.write_line(line)
