"""Alembic environment: migrates the URL given in the configuration."""

from alembic import context

from ric.store.db import make_engine
from ric.store.models import Base

config = context.config
target_metadata = Base.metadata

# Rasa's SQL tracker store shares the database; its table is not ours to migrate.
FOREIGN_TABLES = {"events"}


def include_object(obj, name, type_, reflected, compare_to):  # noqa: ANN001
    return not (type_ == "table" and name in FOREIGN_TABLES)


def run_migrations_online() -> None:
    engine = make_engine(config.get_main_option("sqlalchemy.url"))
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            include_object=include_object,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
