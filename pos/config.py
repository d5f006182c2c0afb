"""Settings from the environment (CONTRACTS.md), with platform defaults.

Nothing happens at import time: `load_settings()` reads a mapping (the environment
by default) and returns a frozen `Settings` (pos.services.opening checks the data
directory can be written). A printer chosen in the app's settings is merged in once the
database is open (pos.services.shop_settings.with_stored_printer): the environment first.
"""

import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "pos-till"
RESOURCES_DIR = Path(__file__).resolve().parents[1] / "resources"
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
    database_url_given: bool = False
    """True when the URL came from POS_DATABASE_URL or an argument, not the default."""
    receipt_printer_given: bool = False
    """True when POS_RECEIPT_PRINTER is set: a printer chosen in the app does not apply."""
    printer_profile_given: bool = False
    """True when POS_PRINTER_PROFILE is set: a profile chosen in the app does not apply."""

    @property
    def log_file(self) -> Path:
        return self.data_dir / "logs" / "pos.log"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"


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
    default_dir = env.get("POS_DATA_DIR") or user_data_dir(APP_NAME, appauthor=False)
    directory = data_dir or Path(default_dir)
    url = database_url or env.get("POS_DATABASE_URL") or sqlite_url(directory / DATABASE_FILE_NAME)
    return Settings(
        data_dir=directory,
        database_url=url,
        receipt_printer=env.get("POS_RECEIPT_PRINTER") or "none",
        printer_profile=env.get("POS_PRINTER_PROFILE") or DEFAULT_PRINTER_PROFILE,
        register_code=env.get("POS_REGISTER") or "1",
        smtp_url=env.get("POS_SMTP_URL") or None,
        locale=env.get("POS_LOCALE") or None,
        database_url_given=bool(database_url or env.get("POS_DATABASE_URL")),
        receipt_printer_given=bool(env.get("POS_RECEIPT_PRINTER")),
        printer_profile_given=bool(env.get("POS_PRINTER_PROFILE")),
    )


def with_database(settings: Settings, database_url: str) -> Settings:
    """The same settings on another database."""
    return replace(settings, database_url=database_url, database_url_given=True)
