"""Migrations build the same schema on SQLite and PostgreSQL, up and down."""

import pytest
from sqlalchemy import inspect

from ric.store.db import make_engine
from ric.store.migrate import downgrade, upgrade
from ric.store.models import Base


def _tables(url: str) -> set[str]:
    engine = make_engine(url)
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


def _round_trip(url: str) -> None:
    upgrade(url)
    assert set(Base.metadata.tables) <= _tables(url)
    downgrade(url, "base")
    assert not set(Base.metadata.tables) & _tables(url)
    upgrade(url)
    assert set(Base.metadata.tables) <= _tables(url)


def test_migrations_upgrade_downgrade_and_upgrade_again_on_sqlite(tmp_path):
    """upgrade head creates every model table; downgrade base removes them all."""
    _round_trip(f"sqlite:///{tmp_path / 'ric.db'}")


@pytest.mark.postgres
def test_migrations_upgrade_downgrade_and_upgrade_again_on_postgres(postgres_url):
    """The same migrations run on PostgreSQL."""
    _round_trip(postgres_url)


def test_models_and_migrations_agree(tmp_path):
    """After upgrade head, autogenerate finds nothing left to migrate."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    url = f"sqlite:///{tmp_path / 'ric.db'}"
    upgrade(url)
    engine = make_engine(url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection)
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()
