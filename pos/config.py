"""Settings from the environment (CONTRACTS.md), with platform defaults.

Nothing happens at import time: `load_settings()` reads a mapping (the environment
by default) and returns a frozen `Settings`; `prepare_data_dir()` checks the
directory can be written.
"""

import os
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from platformdirs import user_data_dir

from pos.domain.errors import EnvironmentProblem

APP_NAME = "pos-till"
DATABASE_FILE_NAME = "pos.sqlite3"
DEFAULT_PRINTER_PROFILE = "TM-T20II"


@dataclass(frozen=True)
class Settings:
    """Where the shop's data lives and how this till talks to its devices."""

    data_dir: Path
    database_url: str
    receipt_printer: str = "none"
    printer_profile: str = DEFAULT_PRINTER_PROFILE
    register_code: str = "1"
    smtp_url: str | None = None
    locale: str | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.database_url.startswith("sqlite")

    @property
    def sqlite_path(self) -> Path | None:
        """The database file, for SQLite URLs naming a file."""
        prefix = "sqlite:///"
        if not self.database_url.startswith(prefix):
            return None
        path = self.database_url[len(prefix) :].split("?", 1)[0]
        return Path(path) if path and path != ":memory:" else None

    @property
    def log_file(self) -> Path:
        return self.data_dir / "logs" / "pos.log"


def sqlite_url(path: Path) -> str:
    """A SQLAlchemy URL for a SQLite file."""
    return f"sqlite:///{path}"


def load_settings(
    environ: Mapping[str, str] | None = None,
    *,
    data_dir: Path | None = None,
    database_url: str | None = None,
) -> Settings:
    """Settings from `environ` (default: the process environment); arguments win over it."""
    env = os.environ if environ is None else environ
    directory = data_dir or Path(env.get("POS_DATA_DIR") or user_data_dir(APP_NAME, appauthor=False))
    url = database_url or env.get("POS_DATABASE_URL") or sqlite_url(directory / DATABASE_FILE_NAME)
    return Settings(
        data_dir=directory,
        database_url=url,
        receipt_printer=env.get("POS_RECEIPT_PRINTER") or "none",
        printer_profile=env.get("POS_PRINTER_PROFILE") or DEFAULT_PRINTER_PROFILE,
        register_code=env.get("POS_REGISTER") or "1",
        smtp_url=env.get("POS_SMTP_URL") or None,
        locale=env.get("POS_LOCALE") or None,
    )


def with_database(settings: Settings, database_url: str) -> Settings:
    """The same settings on another database."""
    return replace(settings, database_url=database_url)


def prepare_data_dir(settings: Settings) -> None:
    """Create the data directory and check it can be written, or say how to fix it."""
    directory = settings.data_dir
    try:
        directory.mkdir(parents=True, exist_ok=True)
        (directory / "logs").mkdir(exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".write-check-"):
            pass
    except OSError as error:
        raise EnvironmentProblem(
            f"cannot write the data directory {directory} ({error.strerror or error}); "
            "fix its permissions or set POS_DATA_DIR to a writable directory"
        ) from None
