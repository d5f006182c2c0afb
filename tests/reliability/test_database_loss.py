"""The database goes away in the middle of a sale: nothing half-written, retry works.

Run against the test PostgreSQL server, where losing the database is real: the
test's own database stops accepting connections and every session is terminated.
"""

import uuid
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from pos.app import build_main_window
from pos.db.database import Database
from pos.db.engine import create_database_engine
from pos.db.models import Payment, Register, Sale, SaleLine
from pos.domain.cart import Cart, CartLine
from pos.domain.errors import EnvironmentProblemError
from pos.domain.pricing import PricingRules
from pos.domain.tender import Tender
from pos.services.checkout import CheckoutService, SaleRequest
from pos.services.till_session import TillSessionService
from pos.ui.widgets import find_by_accessible_name
from tests.factories import CASHIER_PIN, FIXED_NOW, add_product, make_shop
from tests.postgres_server import PostgresServer

NAME = "loss_test"


@pytest.fixture
def pg_database(postgres_server: PostgresServer) -> Iterator[tuple[PostgresServer, str]]:
    postgres_server.admin(f"CREATE DATABASE {NAME} TEMPLATE pos_template")
    yield postgres_server, postgres_server.url(NAME)
    postgres_server.admin(f"ALTER DATABASE {NAME} ALLOW_CONNECTIONS true")
    postgres_server.admin(f"DROP DATABASE {NAME} WITH (FORCE)")


def lose_database(server: PostgresServer) -> None:
    server.admin(f"ALTER DATABASE {NAME} ALLOW_CONNECTIONS false")
    server.admin(
        f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{NAME}'"
    )


def restore_database(server: PostgresServer) -> None:
    server.admin(f"ALTER DATABASE {NAME} ALLOW_CONNECTIONS true")


def counts(url: str) -> tuple[int, int, int, int]:
    engine = create_database_engine(url)
    try:
        with engine.connect() as connection:
            register_seq = connection.scalar(select(func.max(Register.last_receipt_seq)))
            return (
                int(connection.scalar(select(func.count()).select_from(Sale)) or 0),
                int(connection.scalar(select(func.count()).select_from(SaleLine)) or 0),
                int(connection.scalar(select(func.count()).select_from(Payment)) or 0),
                int(register_seq or 0),
            )
    finally:
        engine.dispose()


def prepare_shop(url: str) -> tuple[int, int]:
    database = Database.on(create_database_engine(url))
    try:
        make_shop(database, demo=True)
        sessions = TillSessionService(database, "1")
        alex = next(c.id for c in sessions.sign_in_choices().cashiers if c.name == "Alex")
        sessions.sign_in(alex, CASHIER_PIN)
        mug = add_product(database, "M1", "Cat Mug", 450, barcodes=("5012345678900",))
        return alex, mug
    finally:
        database.close()


def test_connection_lost_mid_commit_writes_nothing_and_retry_succeeds(
    pg_database: tuple[PostgresServer, str],
) -> None:
    server, url = pg_database
    alex, mug = prepare_shop(url)
    database = Database.on(create_database_engine(url))
    calls = {"n": 0}

    def clock_that_loses_the_database() -> datetime:
        # Called inside the sale's transaction, after the receipt number was taken.
        calls["n"] += 1
        if calls["n"] == 1:
            lose_database(server)
        return FIXED_NOW

    request = SaleRequest(str(uuid.uuid4()), alex,
                          Cart().add(CartLine(mug, "M1", "Cat Mug", 450, 2, 2000)),
                          (Tender("cash", 1000),))
    failing = CheckoutService(database, "1", clock_that_loses_the_database)
    with pytest.raises(EnvironmentProblemError, match="cannot reach the database server"):
        failing.complete_sale(request, PricingRules())
    restore_database(server)
    assert counts(url) == (0, 0, 0, 0)

    sale = failing.complete_sale(request, PricingRules())  # the same sale, retried
    assert sale.receipt_number == "R1-000001"
    assert counts(url) == (1, 1, 1, 1)
    assert failing.complete_sale(request, PricingRules()).already_completed
    assert counts(url) == (1, 1, 1, 1)
    database.close()


def test_till_keeps_the_sale_on_screen_when_the_database_is_lost(
    qtbot: QtBot, tmp_path: Path, pg_database: tuple[PostgresServer, str]
) -> None:
    server, url = pg_database
    prepare_shop(url)
    window = build_main_window(data_dir=tmp_path, database_url=url)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.sig_ready, timeout=10_000):
        window.show()
    entry = find_by_accessible_name(window, "Scan or search product")
    qtbot.keyClicks(entry, "5012345678900")
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    cart = window.till.cart
    qtbot.waitUntil(lambda: cart.model().rowCount() == 1)
    message = find_by_accessible_name(window, "Till message")
    assert isinstance(message, QLabel)

    lose_database(server)
    tendered = find_by_accessible_name(window, "Cash tendered")
    qtbot.keyClicks(tendered, "5")
    qtbot.keyClick(tendered, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "NOT saved" in message.text(), timeout=15_000)
    assert "cannot reach the database server" in message.text()
    assert cart.model().rowCount() == 1  # still on screen
    restore_database(server)
    assert counts(url)[:3] == (0, 0, 0)

    complete = find_by_accessible_name(window, "Complete sale")
    qtbot.mouseClick(complete, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "R1-000001 saved" in message.text(), timeout=15_000)
    assert cart.model().rowCount() == 0
    assert counts(url) == (1, 1, 1, 1)
    window.close()
