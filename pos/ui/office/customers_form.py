"""The back office's customer edit form: who they are, how to reach them, their birthday,
notes, preferences, consents and language, saved with `CustomerService.update`.

The service checks everything (the same rules as the till and the import); its refusal is
shown in place and nothing is saved. A look-alike (same phone or e-mail as someone else)
is saved only when Save is pressed a second time with the same details.
"""

import re
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from pos.domain.errors import PosError, UserError
from pos.services.customer_types import CustomerHit, DuplicateCustomerError, NewCustomer
from pos.services.customers import CustomerService
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.widgets import named, show_message

_DAY_MONTH = re.compile(r"(\d{1,2})\s*[-/. ]\s*(\d{1,2})")
_ISO = re.compile(r"(\d{4}|-)-(\d{1,2})-(\d{1,2})")
BIRTHDAY_FORMS = "DD-MM (e.g. 24-12), or YYYY-MM-DD with the year"


def parse_birthday_text(text: str) -> tuple[int | None, int | None, int | None]:
    """(day, month, year) from "DD-MM", "YYYY-MM-DD" or "--MM-DD"; all None when empty.
    Only the form is checked here: whether it is a real date is the service's rule."""
    cleaned = text.strip()
    if not cleaned:
        return None, None, None
    if match := _DAY_MONTH.fullmatch(cleaned):
        return int(match[1]), int(match[2]), None
    if match := _ISO.fullmatch(cleaned):
        return int(match[3]), int(match[2]), None if match[1] == "-" else int(match[1])
    raise UserError(f"birthday '{cleaned}' is not a date; write it as {BIRTHDAY_FORMS}")


def birthday_text(details: NewCustomer) -> str:
    day, month, year = details.birthday_day, details.birthday_month, details.birthday_year
    if day is None or month is None:
        return ""
    return f"{day:02d}-{month:02d}" if year is None else f"{year:04d}-{month:02d}-{day:02d}"


class CustomerForm(QWidget):
    """Edits one customer; `on_saved(hit)` runs after a successful save."""

    def __init__(
        self, customers: CustomerService, tasks: TaskRunner, message: QLabel,
        on_saved: Callable[[CustomerHit], None],
    ) -> None:
        super().__init__()
        self._customers = customers
        self._tasks = tasks
        self._message = message
        self._on_saved = on_saved
        self._customer_id: int | None = None
        self._loaded: NewCustomer | None = None
        self._duplicate_ok: tuple[int, NewCustomer] | None = None
        self.name = named(QLineEdit(), "Customer name")
        self.address_as = named(QLineEdit(), "Address as")
        self.phone = named(QLineEdit(), "Customer phone")
        self.email = named(QLineEdit(), "Customer e-mail")
        self.birthday = named(QLineEdit(), "Customer birthday")
        self.birthday.setPlaceholderText(BIRTHDAY_FORMS)
        self.notes = named(QPlainTextEdit(), "Customer notes")
        self.notes.setMaximumHeight(70)
        self.tags = named(QLineEdit(), "Customer tags")
        self.tags.setPlaceholderText("likes dark roast, size M")
        self.marketing = named(QCheckBox("Marketing e-mail"), "Marketing e-mail consent")
        self.sms = named(QCheckBox("SMS"), "SMS consent")
        self.keep_history = named(QCheckBox("Keep history"), "Keep history consent")
        self.language = named(QLineEdit(), "Customer language")
        self.language.setPlaceholderText("en, de, fr-CH...")
        self.consent_date = QLabel("")
        self.save = named(QPushButton("Save customer  [Ctrl+S]"), "Save customer")
        self.save.setShortcut("Ctrl+S")
        self.save.clicked.connect(self._save)
        consents = QHBoxLayout()
        for box in (self.marketing, self.sms, self.keep_history):
            consents.addWidget(box)
        consents.addWidget(self.consent_date, stretch=1)
        form = QFormLayout(self)
        for label, widget in (("Name", self.name), ("Address as", self.address_as),
                              ("Phone", self.phone), ("E-mail", self.email),
                              ("Birthday", self.birthday), ("Notes", self.notes),
                              ("Preferences", self.tags), ("Language", self.language)):
            form.addRow(label, widget)
        form.addRow("Consents", consents)
        form.addRow(self.save)
        self.show_customer(None, None)

    def show_customer(self, customer_id: int | None, details: NewCustomer | None,
                      consent_date: str = "") -> None:
        """Fill the form with `details` (None: empty and disabled, e.g. erased)."""
        self._customer_id, self._loaded, self._duplicate_ok = customer_id, details, None
        shown = details or NewCustomer(name="", consent_keep_history=False)
        self.name.setText(shown.name)
        self.address_as.setText(shown.address_as)
        self.phone.setText(shown.phone)
        self.email.setText(shown.email)
        self.birthday.setText(birthday_text(shown))
        self.notes.setPlainText(shown.notes)
        self.tags.setText(", ".join(shown.tags))
        self.language.setText(shown.language)
        self.marketing.setChecked(shown.consent_marketing_email)
        self.sms.setChecked(shown.consent_sms)
        self.keep_history.setChecked(shown.consent_keep_history)
        self.consent_date.setText(consent_date)
        self.setEnabled(details is not None)

    def typed(self) -> NewCustomer:
        """The form's details (loyalty card and code kept as loaded)."""
        if self._loaded is None:
            raise UserError("choose a customer in the list first")
        day, month, year = parse_birthday_text(self.birthday.text())
        return replace(
            self._loaded, name=self.name.text(), address_as=self.address_as.text(),
            phone=self.phone.text(), email=self.email.text(), birthday_day=day,
            birthday_month=month, birthday_year=year, notes=self.notes.toPlainText(),
            tags=tuple(tag for tag in self.tags.text().split(",") if tag.strip()),
            language=self.language.text(),
            consent_marketing_email=self.marketing.isChecked(),
            consent_sms=self.sms.isChecked(), consent_keep_history=self.keep_history.isChecked(),
        )

    @Slot()
    def _save(self) -> None:
        customer_id = self._customer_id
        try:
            details = self.typed()
        except UserError as error:
            show_message(self._message, error.message)
            return
        assert customer_id is not None  # typed() refused a form with nothing loaded
        anyway = self._duplicate_ok == (customer_id, details)
        self._tasks.submit(
            Lane.DB_WRITE,
            lambda: self._customers.update(customer_id, details, allow_duplicate=anyway),
            self._saved, lambda error: self._refused(customer_id, details, error),
        )

    def _saved(self, hit: CustomerHit) -> None:
        self._duplicate_ok = None
        show_message(self._message, f"{hit.name}: details saved", error=False)
        self._on_saved(hit)

    def _refused(self, customer_id: int, details: NewCustomer, error: PosError) -> None:
        if isinstance(error, DuplicateCustomerError):
            self._duplicate_ok = (customer_id, details)
            looks_like = error.message.rsplit("; pick them instead", 1)[0]
            show_message(self._message, f"{looks_like}; press Save customer again to save "
                         "anyway, or merge them with Merge into...")
            return
        show_message(self._message, error.message)
