"""Open the shop's database safely and bring its schema to the code's revision.

Before any migration touches a SQLite file we copy it (SQLite's online backup);
on PostgreSQL the whole upgrade runs in one transaction. Either way a failure
leaves the data as it was and says so.
"""

import logging
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import SQLAlchemyError

from pos.db.engine import create_database_engine, sqlite_file
from pos.db.errors import describe_database_error, translate_database_errors
from pos.domain.errors import EnvironmentProblemError

if TYPE_CHECKING:
    from alembic.config import Config

log = logging.getLogger(__name__)

HEAD_REVISION = "0011"
"""The newest migration's revision. A test checks it against the migration chain; it
lets the till start without importing Alembic (a third of a second) when the
database is already current."""

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


@dataclass(frozen=True)
class SchemaState:
    """Where a database's schema stands against the code."""

    current: str | None
    head: str

    @property
    def up_to_date(self) -> bool:
        return self.current == self.head


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str
    backup: Path | None


def alembic_config(script_location: Path = MIGRATIONS_DIR) -> "Config":
    from alembic.config import Config

    config = Config(str(script_location / "alembic.ini"))
    config.set_main_option("script_location", str(script_location))
    return config


def check_database_file(url: str, *, must_exist: bool) -> None:
    """Refuse a SQLite file that is missing (when it must exist) or is not a database."""
    path = sqlite_file(url)
    if path is None:
        return
    if not path.exists():
        if must_exist:
            raise EnvironmentProblemError(
                f"database file {path} does not exist; run `pos db upgrade` to create an "
                "empty shop there, `pos demo` for a demo shop, or fix POS_DATABASE_URL"
            )
        return
    try:
        # Read-only open: a damaged file is reported, never modified or "repaired".
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
            connection.execute("PRAGMA schema_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise EnvironmentProblemError(
            f"database file {path} is damaged or not a database ({error}); restore it "
            "from a backup with `pos restore FILE`, or move it away to start a new shop"
        ) from None


def schema_state(engine: Engine, script_location: Path = MIGRATIONS_DIR) -> SchemaState:
    """The database's revision and the code's; refuses a database newer than the code."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config(script_location))
    head = script.get_current_head()
    assert head is not None, "the migration chain has no head"
    with translate_database_errors(), engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    if current is not None and current not in {rev.revision for rev in script.walk_revisions()}:
        raise EnvironmentProblemError(
            f"the database is at schema revision {current}, which this version of pos does "
            f"not know (it knows up to {head}): the database was used by a newer pos; "
            "install that version again"
        )
    return SchemaState(current=current, head=head)


def upgrade_database(
    url: str, backup_dir: Path, script_location: Path = MIGRATIONS_DIR
) -> UpgradeResult:
    """Bring the database to the head revision, keeping a backup of a SQLite file first."""
    check_database_file(url, must_exist=False)
    engine = create_database_engine(url, foreign_keys=False)
    try:
        state = schema_state(engine, script_location)
        if state.up_to_date:
            return UpgradeResult(state.current, state.head, None)
        backup = _backup_sqlite(url, backup_dir, state.current)
        from alembic import command

        try:
            with engine.begin() as connection:
                config = alembic_config(script_location)
                config.attributes["connection"] = connection
                command.upgrade(config, "head")
                _check_foreign_keys(connection)
        except (SQLAlchemyError, RuntimeError, ValueError) as error:
            where = f"; a copy taken before is at {backup}" if backup else ""
            raise EnvironmentProblemError(
                f"upgrading the database from {state.current or 'empty'} failed "
                f"({describe_database_error(error)}); it was rolled back and is unchanged"
                f"{where}. Report this with the log file"
            ) from error
        log.info("database upgraded from %s to %s", state.current, state.head)
        return UpgradeResult(state.current, state.head, backup)
    finally:
        engine.dispose()


def _check_foreign_keys(connection: Connection) -> None:
    if connection.dialect.name != "sqlite":
        return
    broken = connection.execute(text("PRAGMA foreign_key_check")).fetchall()
    if broken:
        raise RuntimeError(f"foreign keys broken after migration: {broken[:5]}")


def _backup_sqlite(url: str, backup_dir: Path, revision: str | None) -> Path | None:
    path = sqlite_file(url)
    if path is None or not path.exists() or revision is None:
        return None
    backup_dir.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = backup_dir / f"{path.stem}-before-upgrade-from-{revision}-{stamp}.sqlite3"
    with sqlite3.connect(path) as source, sqlite3.connect(target) as copy:
        source.backup(copy)
    log.info("backed up %s to %s before upgrading", path, target)
    return target


def _stored_revision(engine: Engine) -> str | None:
    """The revision in `alembic_version`, read without Alembic (None if absent)."""
    with translate_database_errors(), engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        return None if revision is None else str(revision)


class SchemaBehindError(EnvironmentProblemError):
    """The database is empty or older than the code: `pos db upgrade` fixes it."""


def open_engine(url: str, script_location: Path = MIGRATIONS_DIR) -> Engine:
    """An engine on an existing database whose schema matches this code exactly."""
    check_database_file(url, must_exist=True)
    engine = create_database_engine(url)
    try:
        if script_location == MIGRATIONS_DIR and _stored_revision(engine) == HEAD_REVISION:
            return engine
        state = schema_state(engine, script_location)
    except BaseException:
        engine.dispose()
        raise
    if state.current is None:
        engine.dispose()
        raise SchemaBehindError(
            "the database has no shop in it yet; run `pos db upgrade` to create the "
            "tables, or `pos demo` for a demo shop"
        )
    if not state.up_to_date:
        engine.dispose()
        raise SchemaBehindError(
            f"the database is at schema revision {state.current} but this pos needs "
            f"{state.head}; run `pos db upgrade` (a backup is taken first)"
        )
    return engine
