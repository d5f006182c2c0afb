"""`E-mail receipt` at the till, through a real SMTP server (aiosmtpd on 127.0.0.1)."""

import io

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPushButton
from pytestqt.qtbot import QtBot

from pos.db.database import Database
from pos.services.customer_types import NewCustomer
from pos.services.customers import CustomerService
from pos.ui.main_window import MainWindow
from tests.factories import add_product, make_shop
from tests.smtp_inbox import Inbox
from tests.ui.conftest import OpenTill, named_as

MUG = "5012345678900"


@pytest.fixture
def shop(shop_database: Database) -> Database:
    make_shop(shop_database, name="Demo Gifts", demo=True)
    add_product(shop_database, "M1", "Vintage Cat Mug", 450, barcodes=(MUG,))
    CustomerService(shop_database).create(
        NewCustomer(name="Asha Patel", email="asha@example.com")
    )
    return shop_database


def sell_a_mug_to_asha(qtbot: QtBot, window: MainWindow) -> None:
    search = named_as(window, "Customer search", QLineEdit)
    qtbot.keyClicks(search, "Asha")
    results = named_as(window, "Customer results", QListWidget)
    qtbot.waitUntil(lambda: results.count() == 1)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.sale.customer_id is not None)
    entry = named_as(window, "Scan or search product", QLineEdit)
    qtbot.keyClicks(entry, MUG)
    qtbot.keyClick(entry, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: named_as(window, "Total due", QLabel).text() == "4.50")
    qtbot.keyClick(named_as(window, "Cash tendered", QLineEdit), Qt.Key.Key_Return)
    message = named_as(window, "Till message", QLabel)
    qtbot.waitUntil(lambda: "R1-000001 saved" in message.text(), timeout=5000)


def test_the_last_receipt_goes_to_the_customer_s_address_with_its_pdf(
    qtbot: QtBot, shop: Database, open_till: OpenTill, inbox: tuple[Inbox, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    handler, port = inbox
    monkeypatch.setenv("POS_SMTP_URL", f"smtp://127.0.0.1:{port}")
    window = open_till()
    button = named_as(window, "E-mail receipt", QPushButton)
    assert button.isEnabled()
    sell_a_mug_to_asha(qtbot, window)
    thank_you = named_as(window, "Thank-you message", QLabel)
    qtbot.waitUntil(lambda: bool(thank_you.text()))
    said = thank_you.text()

    entry = named_as(window, "Scan or search product", QLineEdit)
    qtbot.keyClick(entry, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    answer = named_as(window, "Prompt answer", QLineEdit)
    qtbot.waitUntil(lambda: answer.text() == "asha@example.com")  # the customer's, prefilled
    answer.setText("not an address")
    qtbot.keyClick(answer, Qt.Key.Key_Return)
    message = named_as(window, "Till message", QLabel)
    qtbot.waitUntil(lambda: "'not an address' is not an e-mail address" in message.text())
    assert handler.messages == []

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: answer.isVisible() and answer.text() == "asha@example.com")
    qtbot.keyClick(answer, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: "receipt R1-000001 e-mailed to asha@example.com" in message.text(), timeout=10_000
    )
    (sent,) = handler.messages
    assert sent["To"] == "asha@example.com"
    assert sent["Subject"] == "Receipt R1-000001 from Demo Gifts"
    (attachment,) = list(sent.iter_attachments())
    assert attachment.get_filename() == "receipt-R1-000001.pdf"
    text = " ".join(PdfReader(io.BytesIO(attachment.get_content())).pages[0].extract_text().split())
    assert "Vintage Cat Mug" in text
    assert " ".join(said.split()) in text  # the thank-you the till showed


def test_without_a_mail_server_the_action_is_off_and_says_why(
    qtbot: QtBot, shop: Database, open_till: OpenTill, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("POS_SMTP_URL", raising=False)
    window = open_till()
    button = named_as(window, "E-mail receipt", QPushButton)
    assert not button.isEnabled()
    assert "POS_SMTP_URL" in button.toolTip()
    entry = named_as(window, "Scan or search product", QLineEdit)
    qtbot.keyClick(entry, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    message = named_as(window, "Till message", QLabel)
    qtbot.waitUntil(lambda: "e-mailed receipts are off" in message.text())
    assert not named_as(window, "Prompt answer", QLineEdit).isVisible()
