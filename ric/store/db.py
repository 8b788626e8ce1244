"""Engines and sessions, built from a URL by factories (nothing happens at import)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str) -> Engine:
    """An engine for the case store; SQLite gets WAL, a busy timeout and foreign keys."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, future=True, connect_args={"timeout": 30, "check_same_thread": False}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin_immediate)
        return engine
    return create_engine(url, future=True, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # noqa: ANN001
    # Let SQLAlchemy control transactions (pysqlite's own BEGIN handling is off).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


READ_ONLY = "ric_read_only"


def _sqlite_begin_immediate(connection) -> None:  # noqa: ANN001
    # A writing transaction takes the write lock at the start, so concurrent writers queue
    # (busy_timeout) instead of failing halfway; read-only sessions do not block anyone.
    if connection.get_execution_options().get(READ_ONLY):
        connection.exec_driver_sql("BEGIN")
    else:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def make_sessionmaker(engine: Engine) -> sessionmaker:
    """A session factory bound to the engine (2.0-style sessions)."""
    return sessionmaker(bind=engine, future=True, expire_on_commit=False)


@contextmanager
def read_scope(factory: sessionmaker) -> Iterator[Session]:
    """A session for reading only: it never takes SQLite's write lock; nothing is committed."""
    session: Session = factory()
    try:
        session.connection(execution_options={READ_ONLY: True})
        yield session
    finally:
        session.close()  # ends the transaction; loaded objects stay readable


@contextmanager
def session_scope(factory: sessionmaker) -> Iterator[Session]:
    """One transaction: commit on success, roll back on any error."""
    session: Session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()
