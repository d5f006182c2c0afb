"""The `pos` command: commands that work, and one clear line + exit 3 for every fault."""

from pathlib import Path

import pytest
from sqlalchemy import text

from pos.app import run
from pos.db.database import Database
from pos.db.migrate import HEAD_REVISION
from tests.factories import make_shop

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "data"
    monkeypatch.setenv("POS_DATA_DIR", str(directory))
    monkeypatch.delenv("POS_DATABASE_URL", raising=False)
    return directory


def _one_error_line(capsys: Capture) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    assert err.startswith("pos: error: ")
    return err


def test_db_upgrade_then_current_on_each_backend(
    empty_database_url: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.setenv("POS_DATABASE_URL", empty_database_url)
    assert run(["db", "upgrade"]) == 0
    assert f"upgraded from empty to {HEAD_REVISION}" in capsys.readouterr().out
    assert run(["db", "upgrade"]) == 0
    assert "already at revision" in capsys.readouterr().out
    assert run(["db", "current"]) == 0
    assert capsys.readouterr().out.strip() == f"{HEAD_REVISION} (up to date)"


def test_version_names_every_component(
    database_url: str, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.setenv("POS_DATABASE_URL", database_url)
    assert run(["version"]) == 0
    out = capsys.readouterr().out
    for part in ("pos 0.1.0", "Python 3.", "Qt (PySide6) 6.", "SQLAlchemy 2.", "Database "):
        assert part in out
    assert ("SQLite 3." in out) or ("PostgreSQL 1" in out)


def test_default_sqlite_file_is_created_by_db_upgrade(data_dir: Path, capsys: Capture) -> None:
    assert run(["db", "upgrade"]) == 0
    assert (data_dir / "pos.sqlite3").exists()


def test_missing_database_file_named_explicitly(
    data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    missing = tmp_path / "typo" / "shop.sqlite3"
    monkeypatch.setenv("POS_DATABASE_URL", f"sqlite:///{missing}")
    for argv in ([], ["db", "current"]):
        assert run(argv) == 3
        err = _one_error_line(capsys)
        assert f"database file {missing} does not exist" in err
        assert "pos db upgrade" in err
    assert not missing.exists()
    assert not missing.parent.exists()


def test_corrupt_database_file_is_reported_and_left_alone(
    data_dir: Path, capsys: Capture
) -> None:
    data_dir.mkdir()
    damaged = data_dir / "pos.sqlite3"
    garbage = b"this is not a database, it is a shopping list\n" * 200
    damaged.write_bytes(garbage)
    for argv in ([], ["db", "upgrade"], ["db", "current"]):
        assert run(argv) == 3
        err = _one_error_line(capsys)
        assert "damaged or not a database" in err
        assert "pos restore" in err
    assert damaged.read_bytes() == garbage
    assert sorted(p.name for p in data_dir.iterdir()) == ["logs", "pos.sqlite3"]


def test_postgresql_server_down(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    monkeypatch.setenv("POS_DATABASE_URL", "postgresql+psycopg://pos@127.0.0.1:1/shop")
    for argv in ([], ["db", "upgrade"], ["db", "current"]):
        assert run(argv) == 3
        err = _one_error_line(capsys)
        assert "cannot reach the database server" in err
        assert "POS_DATABASE_URL" in err


def test_unwritable_data_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("POS_DATA_DIR", str(blocker / "data"))
    for argv in ([], ["demo"], ["db", "upgrade"]):
        assert run(argv) == 3
        assert "cannot write the data directory" in _one_error_line(capsys)
    assert blocker.read_text() == "x"


def test_database_newer_than_the_code(
    database: Database, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    make_shop(database)
    with database.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = 'ffff0000'"))
    monkeypatch.setenv(
        "POS_DATABASE_URL", database.engine.url.render_as_string(hide_password=False)
    )
    for argv in ([], ["db", "upgrade"], ["db", "current"]):
        assert run(argv) == 3
        assert "used by a newer pos" in _one_error_line(capsys)
    with database.reader() as uow:
        assert uow.session.execute(text("SELECT name FROM shop")).scalar_one() == "Corner Shop"


def test_demo_refuses_to_touch_a_real_shop(
    database: Database, data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: Capture
) -> None:
    make_shop(database, name="Real Bakery")
    monkeypatch.setenv(
        "POS_DATABASE_URL", database.engine.url.render_as_string(hide_password=False)
    )
    assert run(["demo", "--reset"]) == 1
    assert "holds a real shop (Real Bakery)" in _one_error_line(capsys)
    with database.reader() as uow:
        assert not uow.session.execute(text("SELECT is_demo FROM shop")).scalar_one()
