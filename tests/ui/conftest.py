"""Fixtures for driving the real till window offscreen."""

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TypeVar

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from pos.app import build_main_window
from pos.db.database import Database
from pos.db.engine import create_database_engine
from pos.db.migrate import upgrade_database
from pos.ui.main_window import MainWindow
from pos.ui.widgets import find_by_accessible_name
from tests.factories import make_shop

OpenTill = Callable[..., MainWindow]
W = TypeVar("W", bound=QWidget)


def named_as(window: QWidget, name: str, kind: type[W]) -> W:
    """The widget with this accessible name, checked to be of the expected kind."""
    found = find_by_accessible_name(window, name)
    assert isinstance(found, kind), f"{name!r} is a {type(found).__name__}"
    return found


@pytest.fixture
def shop_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'shop.sqlite3'}"
    upgrade_database(url, tmp_path / "backups")
    return url


@pytest.fixture
def shop_database(shop_url: str) -> Iterator[Database]:
    database = Database.on(create_database_engine(shop_url))
    yield database
    database.close()


@pytest.fixture
def open_till(qtbot: QtBot, tmp_path: Path, shop_url: str) -> Iterator[OpenTill]:
    """Builds the window on the shop database and waits until it is ready."""
    windows: list[MainWindow] = []

    def opener() -> MainWindow:
        window = build_main_window(data_dir=tmp_path, database_url=shop_url)
        qtbot.addWidget(window)
        windows.append(window)
        with qtbot.waitSignal(window.sig_ready, timeout=10_000):
            window.show()
        return window

    yield opener
    for window in windows:
        window.close()


@pytest.fixture
def demo_till(shop_database: Database, open_till: OpenTill) -> MainWindow:
    make_shop(shop_database, name="Demo Gifts", demo=True)
    return open_till()
