"""Shared fixtures: offscreen Qt, bundled fonts, and databases (SQLite file + PostgreSQL)."""

import os
from collections.abc import Iterator
from itertools import count
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pos.db.database import Database
from pos.db.engine import create_database_engine
from pos.db.migrate import upgrade_database
from tests.postgres_server import PostgresServer, running_postgres
from tests.smtp_inbox import inbox  # noqa: F401  (a fixture for every test: a real SMTP server)

BACKENDS = ("sqlite", "postgresql")
_database_numbers = count(1)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark tests that use Qt as `gui` and PostgreSQL-backed ones as `postgres`."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "qtbot" in fixtures or "qapp" in fixtures:
            item.add_marker(pytest.mark.gui)
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("backend") == "postgresql":
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    with running_postgres() as server:
        server.admin("CREATE DATABASE pos_template")
        upgrade_database(server.url("pos_template"), Path("/nonexistent-backups"))
        yield server


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def _throwaway_database_url(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest, *, migrated: bool
) -> Iterator[str]:
    """A URL to a new database of its own, dropped afterwards on PostgreSQL; `migrated`
    brings it to the newest schema revision (on PostgreSQL by copying `pos_template`)."""
    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'shop.sqlite3'}"
        if migrated:
            upgrade_database(url, tmp_path / "backups")
        yield url
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    name = f"test_{next(_database_numbers)}"
    template = " TEMPLATE pos_template" if migrated else ""
    server.admin(f"CREATE DATABASE {name}{template}")
    yield server.url(name)
    server.admin(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture
def empty_database_url(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[str]:
    """A URL to a database with no tables, on each backend in turn."""
    yield from _throwaway_database_url(backend, tmp_path, request, migrated=False)


@pytest.fixture
def database_url(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[str]:
    """A URL to a database at the newest schema revision, on each backend in turn."""
    yield from _throwaway_database_url(backend, tmp_path, request, migrated=True)


@pytest.fixture
def database(database_url: str) -> Iterator[Database]:
    """An open, migrated, empty database, on SQLite and on PostgreSQL."""
    db = Database.on(create_database_engine(database_url))
    yield db
    db.close()
