"""Open the shop's database for the till or a command, safely.

The default SQLite file is created on first run (the setup wizard follows); a
database named explicitly (POS_DATABASE_URL) must already exist, so a mistyped path
or an unmounted drive is reported instead of silently starting an empty shop.
"""

import tempfile

from pos.config import Settings
from pos.db.database import Database
from pos.db.engine import create_database_engine, sqlite_file
from pos.db.migrate import (
    SchemaBehindError,
    SchemaState,
    UpgradeResult,
    check_database_file,
    open_engine,
    schema_state,
    upgrade_database,
)
from pos.domain.errors import EnvironmentProblemError


def prepare_data_dir(settings: Settings) -> None:
    """Create the data directory and check it can be written, or say how to fix it."""
    directory = settings.data_dir
    try:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "logs").mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".write-check-"):
            pass
    except OSError as error:
        raise EnvironmentProblemError(
            f"cannot write the data directory {directory} ({error.strerror or error}); "
            "fix its permissions or set POS_DATA_DIR to a writable directory"
        ) from None


def open_database(settings: Settings, *, upgrade: bool = True) -> Database:
    """The shop's database at the code's schema revision, upgrading it first if allowed."""
    prepare_data_dir(settings)
    check_database_file(settings.database_url, must_exist=settings.database_url_given)
    if upgrade:
        existing = sqlite_file(settings.database_url)
        if existing is None or existing.exists():
            try:
                return Database.on(open_engine(settings.database_url))
            except SchemaBehindError:
                pass  # upgrade below, with a backup first
        upgrade_database(settings.database_url, settings.backup_dir)
    return Database.on(open_engine(settings.database_url))


def upgrade_schema(settings: Settings) -> UpgradeResult:
    """`pos db upgrade`: create or migrate the database (a SQLite copy is kept first)."""
    prepare_data_dir(settings)
    return upgrade_database(settings.database_url, settings.backup_dir)


def current_schema(settings: Settings) -> SchemaState:
    """`pos db current`: the database's revision against the code's."""
    check_database_file(settings.database_url, must_exist=True)
    engine = create_database_engine(settings.database_url)
    try:
        return schema_state(engine)
    finally:
        engine.dispose()
