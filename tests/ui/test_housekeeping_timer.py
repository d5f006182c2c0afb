"""The till's housekeeping timer: runs at once, then again on its interval, in the
background; a digest that cannot be sent is logged and shown on the status bar, and the
till carries on (the next run tries again)."""

import logging
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtWidgets import QStatusBar
from pytestqt.qtbot import QtBot

from pos.db.database import Database
from pos.db.models import FollowUpDigest
from pos.domain.cart import Cart, CartLine
from pos.services.digest import DigestService
from pos.services.housekeeping import Housekeeping
from pos.services.quotations import QuotationService
from pos.ui.housekeeping import HousekeepingTimer
from pos.ui.tasks import TaskRunner, inline_executors
from tests.factories import ManualClock, add_product, make_shop, sign_in_cashier
from tests.integration.test_digest import OWNER
from tests.smtp_inbox import free_port


def digest_attempts(database: Database) -> int:
    with database.reader() as uow:
        return sum(d.attempts for d in uow.session.query(FollowUpDigest).all())


def test_runs_now_then_on_its_interval_and_reports_a_failed_digest(
    qtbot: QtBot, shop_database: Database, caplog: pytest.LogCaptureFixture
) -> None:
    make_shop(shop_database)
    alex = sign_in_cashier(shop_database)
    mug = add_product(shop_database, "M1", "Cat Mug", 450)
    long_ago = ManualClock(datetime.now(UTC) - timedelta(days=40))
    quotes = QuotationService(shop_database, "1")
    old = QuotationService(shop_database, "1", long_ago).create(
        Cart((CartLine(mug, "M1", "Cat Mug", 450, 1, 2000),)), None, alex, valid_days=7)
    url = f"smtp://127.0.0.1:{free_port()}"  # the mail server is down
    sleeps: list[float] = []
    digest = DigestService(shop_database, url, sleep=sleeps.append)
    digest.set_recipient(OWNER)
    tasks = TaskRunner(inline_executors())
    status = QStatusBar()
    qtbot.addWidget(status)
    timer = HousekeepingTimer(Housekeeping(shop_database, quotes, digest), tasks, status,
                              interval_ms=100)

    with caplog.at_level(logging.WARNING, logger="pos.ui.housekeeping"):
        timer.start()
        qtbot.waitUntil(lambda: "kept to send later" in status.currentMessage())
    assert "trying again within the hour" in status.currentMessage()
    assert any("after 3 tries" in record.getMessage() for record in caplog.records)
    assert quotes.get(old.id).status == "expired"
    assert timer.running

    qtbot.waitUntil(lambda: digest_attempts(shop_database) >= 2)  # the next run tried again
    timer.stop()
    assert not timer.running
