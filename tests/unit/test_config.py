from pathlib import Path

import pytest

from pos.config import load_settings
from pos.domain.errors import EnvironmentProblemError
from pos.services.opening import prepare_data_dir


def test_defaults_put_the_database_in_the_data_dir(tmp_path: Path) -> None:
    settings = load_settings({"POS_DATA_DIR": str(tmp_path)})
    assert settings.data_dir == tmp_path
    assert settings.database_url == f"sqlite:///{tmp_path / 'pos.sqlite3'}"
    assert settings.database_url_given is False
    assert settings.receipt_printer == "none"
    assert settings.printer_profile == "TM-T20II"
    assert settings.register_code == "1"
    assert settings.smtp_url is None


def test_environment_overrides_every_default(tmp_path: Path) -> None:
    settings = load_settings(
        {
            "POS_DATA_DIR": str(tmp_path),
            "POS_DATABASE_URL": "postgresql+psycopg://pos@db/shop",
            "POS_RECEIPT_PRINTER": "tcp://10.0.0.5:9100",
            "POS_PRINTER_PROFILE": "TM-T88V",
            "POS_REGISTER": "2",
            "POS_SMTP_URL": "smtp://u:p@mail:25",
            "POS_LOCALE": "de_DE",
        }
    )
    assert settings.database_url == "postgresql+psycopg://pos@db/shop"
    assert settings.database_url_given is True
    assert settings.receipt_printer == "tcp://10.0.0.5:9100"
    assert settings.printer_profile == "TM-T88V"
    assert settings.register_code == "2"
    assert settings.smtp_url == "smtp://u:p@mail:25"
    assert settings.locale == "de_DE"


def test_arguments_win_over_the_environment(tmp_path: Path) -> None:
    settings = load_settings(
        {"POS_DATA_DIR": "/elsewhere"}, data_dir=tmp_path, database_url="sqlite:///x.db"
    )
    assert settings.data_dir == tmp_path
    assert settings.database_url == "sqlite:///x.db"


def test_unwritable_data_dir_is_reported_and_nothing_is_created(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    settings = load_settings({"POS_DATA_DIR": str(blocker / "shop")})
    with pytest.raises(EnvironmentProblemError, match="cannot write the data directory") as caught:
        prepare_data_dir(settings)
    assert "POS_DATA_DIR" in caught.value.message
    assert caught.value.exit_code == 3
    assert blocker.read_text() == "not a directory"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]
