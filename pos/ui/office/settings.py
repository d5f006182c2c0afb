"""The back office's settings page: the shop's details, the receipt's feedback link, the
receipt printer, who the owner's digest goes to and the cash rounding, each group saved on
its own.

Values set in the environment (POS_RECEIPT_PRINTER, POS_PRINTER_PROFILE) win over the
ones made here (CONTRACTS.md), so their fields are read-only and say so. A printer chosen
here takes effect when the till is next started; the shop's details at once.
"""

from collections.abc import Callable

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos.config import DEFAULT_PRINTER_PROFILE
from pos.domain.errors import PosError
from pos.services.checkout import CASH_ROUNDING_STEPS
from pos.services.shop_settings import (
    PREVIEW_RECEIPT,
    EmailSettings,
    PrinterChoice,
    ShopDetails,
    ShopSettings,
    ShopSettingsService,
    check_qr_url,
    qr_link_for,
)
from pos.services.till_session import Cashier
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.widgets import message_label, named, show_message

NEXT_START = "takes effect when the till is next started"
FIXED_LOCALE = ("Changing the language, time zone or currency after sales exist is not "
                "supported here: receipts, reports and day boundaries depend on them.")


def _note(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setProperty("role", "hint")
    return label


class SettingsSection(QWidget):
    def __init__(
        self,
        settings: ShopSettingsService,
        tasks: TaskRunner,
        on_shop_saved: Callable[[ShopDetails], None] | None = None,
    ) -> None:
        super().__init__()
        self._settings = settings
        self._tasks = tasks
        self._on_shop_saved = on_shop_saved
        self._actor = "back office"
        self.shop_name = named(QLineEdit(), "Settings shop name")
        self.address = named(QPlainTextEdit(), "Shop address")
        self.address.setTabChangesFocus(True)
        self.address.setMaximumHeight(110)
        self.vat_number = named(QLineEdit(), "VAT number")
        self.thank_you = named(QLineEdit(), "Default thank-you")
        self.thank_you.setToolTip("Placeholders such as {{ shop }} or {{ first_name }} may be "
                                  "used, as in the Messages section")
        self.locale_note = named(_note(), "Shop locale")
        self.save_shop = named(QPushButton("Save shop details"), "Save shop details")
        self.qr_url = named(QLineEdit(), "Feedback link")
        self.qr_url.setPlaceholderText("https://example.com/feedback?r={receipt}  (empty: no QR)")
        self.qr_preview = named(_note(), "Feedback link preview")
        self.save_receipt = named(QPushButton("Save receipt settings"), "Save receipt settings")
        self.printer_url = named(QLineEdit(), "Printer address")
        self.printer_url.setPlaceholderText("none  (tcp://192.168.1.50:9100, usb://04b8:0e15, ...)")
        self.printer_profile = named(QLineEdit(), "Printer profile")
        self.printer_profile.setPlaceholderText(f"{DEFAULT_PRINTER_PROFILE}  (the default)")
        self.printer_note = named(_note(), "Printer note")
        self.save_printer = named(QPushButton("Save printer"), "Save printer")
        self.digest_to = named(QLineEdit(), "Digest recipient")
        self.digest_to.setPlaceholderText("owner@example.com  (empty: no digest)")
        self.digest_from = named(QLineEdit(), "Digest sender")
        self.digest_from.setPlaceholderText("empty: the recipient's own address")
        self.email_note = named(_note(), "E-mail note")
        self.save_email = named(QPushButton("Save e-mail"), "Save e-mail")
        self.cash_rounding = named(QComboBox(), "Cash rounding")
        for step in CASH_ROUNDING_STEPS:
            self.cash_rounding.addItem(f"{step} (exact)" if step == 1 else str(step), step)
        self.save_checkout = named(QPushButton("Save cash rounding"), "Save cash rounding")
        self.message = message_label("Settings message")
        self._saves = (self.save_shop, self.save_receipt, self.save_printer, self.save_email,
                       self.save_checkout)
        for button in self._saves:
            button.setEnabled(False)  # until the current values are on screen
        self._lay_out()
        self.save_shop.clicked.connect(self._save_shop)
        self.save_receipt.clicked.connect(self._save_receipt)
        self.save_printer.clicked.connect(self._save_printer)
        self.save_email.clicked.connect(self._save_email)
        self.save_checkout.clicked.connect(self._save_checkout)
        self.qr_url.textChanged.connect(self._preview_link)

    def _lay_out(self) -> None:
        shop = _group("Shop", ("Name", self.shop_name), ("Address", self.address),
                      ("VAT number", self.vat_number), ("Thank-you", self.thank_you),
                      ("Language, zone", self.locale_note), self.save_shop)
        receipt = _group("Receipt", ("Feedback QR link", self.qr_url),
                         ("Preview", self.qr_preview), self.save_receipt)
        printer = _group("Receipt printer", ("Address", self.printer_url),
                         ("Profile", self.printer_profile), self.printer_note,
                         self.save_printer)
        email = _group("E-mail", ("Digest to", self.digest_to),
                       ("Digest from", self.digest_from), self.email_note, self.save_email)
        checkout = _group(
            "Checkout", ("Cash rounding", self.cash_rounding),
            _note("Cash totals round to this many minor units (5: to 0.05, as CHF and SEK "
                  "tills do); cards pay the exact total. Tills use it from their next "
                  "sign-in."),
            self.save_checkout,
        )
        grid = QGridLayout()
        grid.addWidget(shop, 0, 0, 2, 1)
        grid.addWidget(receipt, 0, 1)
        grid.addWidget(printer, 1, 1)
        grid.addWidget(email, 2, 1)
        grid.addWidget(checkout, 2, 0)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addLayout(grid)
        layout.addStretch(1)

    def activate(self, viewer: Cashier) -> None:
        self._actor = viewer.name
        self._tasks.submit(Lane.DB_READ, self._settings.load, self._show, self._failed)

    def _show(self, loaded: ShopSettings) -> None:
        self._show_shop(loaded.shop)
        self.locale_note.setText(f"{loaded.locale}  ·  {loaded.timezone}  ·  {loaded.currency}. "
                            + FIXED_LOCALE)
        self.qr_url.setText(loaded.qr_url)
        self._show_printer(loaded.printer)
        self._show_email(loaded.email)
        self._show_cash_rounding(loaded.cash_rounding_minor)
        for button in self._saves:
            button.setEnabled(True)
        self.save_printer.setEnabled(not (loaded.printer.url_from_environment
                                          and loaded.printer.profile_from_environment))

    def _show_shop(self, details: ShopDetails) -> None:
        self.shop_name.setText(details.name)
        self.address.setPlainText(details.address)
        self.vat_number.setText(details.vat_number)
        self.thank_you.setText(details.thank_you)

    def _show_printer(self, printer: PrinterChoice) -> None:
        self.printer_url.setText(printer.url)
        self.printer_url.setReadOnly(printer.url_from_environment)
        self.printer_profile.setText(printer.profile)
        self.printer_profile.setReadOnly(printer.profile_from_environment)
        notes = [f"set by {variable}" for variable, given in (
            ("POS_RECEIPT_PRINTER", printer.url_from_environment),
            ("POS_PRINTER_PROFILE", printer.profile_from_environment)) if given]
        in_use = f"In use now: {printer.in_use_url} ({printer.in_use_profile})."
        self.printer_note.setText(
            (f"{'; '.join(notes)}: change it there. " if notes else "")
            + f"{in_use} A change here {NEXT_START}."
        )

    def _show_email(self, email: EmailSettings) -> None:
        self.digest_to.setText(email.digest_to)
        self.digest_from.setText(email.digest_from)
        self.email_note.setText(
            "Sent through POS_SMTP_URL." if email.mail_on
            else "POS_SMTP_URL is not set: nothing is sent until it is."
        )

    def _show_cash_rounding(self, step: int) -> None:
        index = self.cash_rounding.findData(step)
        self.cash_rounding.setCurrentIndex(max(index, 0))

    @Slot()
    def _preview_link(self) -> None:
        text = self.qr_url.text()
        try:
            link = check_qr_url(text)
        except PosError as error:
            self.qr_preview.setText(f"Not usable: {error.message}")
            return
        self.qr_preview.setText(
            f"Receipt {PREVIEW_RECEIPT} links to {qr_link_for(link)}" if link
            else "No QR code on receipts"
        )

    @Slot()
    def _save_shop(self) -> None:
        details = ShopDetails(self.shop_name.text(), self.address.toPlainText(),
                              self.vat_number.text(), self.thank_you.text())
        actor = self._actor
        self._tasks.submit(Lane.DB_WRITE,
                           lambda: self._settings.save_shop(details, actor=actor),
                           self._shop_saved, self._failed)

    def _shop_saved(self, details: ShopDetails) -> None:
        self._show_shop(details)
        show_message(self.message, "Shop details saved; receipts use them from now on.",
                     error=False)
        if self._on_shop_saved is not None:
            self._on_shop_saved(details)

    @Slot()
    def _save_receipt(self) -> None:
        link, actor = self.qr_url.text(), self._actor
        self._tasks.submit(Lane.DB_WRITE, lambda: self._settings.save_receipt(link, actor=actor),
                           self._receipt_saved, self._failed)

    def _receipt_saved(self, link: str) -> None:
        self.qr_url.setText(link)
        show_message(self.message, "Receipt settings saved: " + (
            f"receipts carry a QR code for {qr_link_for(link)}" if link
            else "receipts carry no QR code"), error=False)

    @Slot()
    def _save_printer(self) -> None:
        url, profile, actor = self.printer_url.text(), self.printer_profile.text(), self._actor
        self._tasks.submit(
            Lane.DB_WRITE, lambda: self._settings.save_printer(url, profile, actor=actor),
            self._printer_saved, self._failed,
        )

    def _printer_saved(self, printer: PrinterChoice) -> None:
        self._show_printer(printer)
        show_message(self.message, f"Printer saved; it {NEXT_START}.", error=False)

    @Slot()
    def _save_email(self) -> None:
        to, sender, actor = self.digest_to.text(), self.digest_from.text(), self._actor
        self._tasks.submit(
            Lane.DB_WRITE, lambda: self._settings.save_email(to, sender, actor=actor),
            self._email_saved, self._failed,
        )

    def _email_saved(self, email: EmailSettings) -> None:
        self._show_email(email)
        show_message(self.message, "E-mail saved: " + (
            f"the digest goes to {email.digest_to}" if email.digest_to
            else "no digest is sent"), error=False)

    @Slot()
    def _save_checkout(self) -> None:
        step, actor = self.cash_rounding.currentData(), self._actor
        self._tasks.submit(
            Lane.DB_WRITE, lambda: self._settings.save_checkout(step, actor=actor),
            self._checkout_saved, self._failed,
        )

    def _checkout_saved(self, step: int) -> None:
        self._show_cash_rounding(step)
        show_message(self.message, "Cash rounding saved: " + (
            "cash is taken to the exact amount" if step == 1
            else f"cash totals round to {step} minor units") + " from each till's next sign-in.",
            error=False)

    def _failed(self, error: PosError) -> None:
        show_message(self.message, error.message)


def _group(title: str, *rows: tuple[str, QWidget] | QWidget) -> QGroupBox:
    """A titled form: (label, field) rows, or a widget across the whole row."""
    group = QGroupBox(title)
    form = QFormLayout(group)
    for row in rows:
        if isinstance(row, tuple):
            form.addRow(*row)
        else:
            form.addRow(row)
    return group
