"""Throw a database's tables away (only ever called on a demo shop)."""

from sqlalchemy import MetaData

from pos.db.engine import create_database_engine, sqlite_file


def wipe_database(url: str) -> None:
    """Delete a SQLite file (with its WAL), or drop every table of a PostgreSQL database."""
    path = sqlite_file(url)
    if path is not None:
        for suffix in ("", "-wal", "-shm"):
            path.with_name(path.name + suffix).unlink(missing_ok=True)
        return
    engine = create_database_engine(url)
    try:
        metadata = MetaData()
        metadata.reflect(engine)
        with engine.begin() as connection:
            metadata.drop_all(connection)
    finally:
        engine.dispose()
