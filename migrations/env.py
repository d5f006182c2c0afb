"""Alembic environment: batch mode for SQLite, URL from the till's settings."""

from alembic import context
from sqlalchemy.engine import Connection

from pos.config import load_settings
from pos.db import models  # noqa: F401  (registers every table on Base.metadata)
from pos.db.base import Base
from pos.db.engine import create_database_engine

target_metadata = Base.metadata

SEARCH_OBJECT_PREFIXES = ("product_fts", "customer_fts", "ix_product_search_trgm",
                          "ix_customer_search_trgm")
"""Search indexes made by hand in migrations (FTS5 tables, pg_trgm indexes): not models."""


def include_name(name: str | None, type_: str, parent_names: object) -> bool:
    return not (name or "").startswith(SEARCH_OBJECT_PREFIXES)


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=include_name,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    given = context.config.attributes.get("connection")
    if isinstance(given, Connection):
        run_migrations(given)
        return
    # Foreign keys off: batch mode recreates SQLite tables (see pos.db.migrate).
    engine = create_database_engine(load_settings().database_url, foreign_keys=False)
    try:
        with engine.connect() as connection:
            run_migrations(connection)
            connection.commit()
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run them against a database")
run_migrations_online()
