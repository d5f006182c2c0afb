"""Facts about this installation, for `pos version` and support."""

import platform
import sqlite3
from dataclasses import dataclass
from importlib import metadata

from pos import __version__
from pos.db.database import Database
from pos.db.errors import translate_database_errors


@dataclass(frozen=True)
class VersionReport:
    pos: str
    python: str
    qt: str
    sqlalchemy: str
    database: str


def _package_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def version_report(database: Database | None) -> VersionReport:
    """Versions of everything the till stands on; `database` may be None if unreachable."""
    if database is None:
        db_text = "not configured"
    elif database.backend == "sqlite":
        db_text = f"SQLite {sqlite3.sqlite_version}"
    else:
        with translate_database_errors(), database.engine.connect():
            db_text = f"PostgreSQL {database.server_version()}"
    return VersionReport(
        pos=__version__,
        python=platform.python_version(),
        qt=_package_version("PySide6-Essentials"),
        sqlalchemy=_package_version("SQLAlchemy"),
        database=db_text,
    )
