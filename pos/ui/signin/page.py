"""Sign-in: pick your name, type your PIN."""

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos.domain.errors import PosError, UserError
from pos.domain.tender import parse_tendered
from pos.services.till_session import SignedIn, SignInChoices, TillSessionService
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.widgets import message_label, named, show_message


class SignInPage(QWidget):
    """Lists the active cashiers; a PIN signs one in and opens the shift."""

    sig_signed_in = Signal(object)
    sig_loaded = Signal()

    def __init__(self, sessions: TillSessionService, tasks: TaskRunner) -> None:
        super().__init__()
        self._sessions = sessions
        self._tasks = tasks
        self._title = QLabel()
        self._title.setProperty("role", "title")
        self._cashiers = named(QListWidget(), "Cashier")
        self._pin = named(QLineEdit(), "PIN")
        self._pin.setEchoMode(QLineEdit.EchoMode.Password)
        self._pin.setValidator(QRegularExpressionValidator(r"\d{0,12}"))
        self._pin.setPlaceholderText("PIN")
        self._float = named(QLineEdit(), "Opening float")
        self._float.setPlaceholderText("Float in the drawer if a new shift opens (e.g. 100.00)")
        self._sign_in = named(QPushButton("Sign in"), "Sign in")
        self._message = message_label("Sign-in message")

        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (self._title, QLabel("Who is signing in?"), self._cashiers, self._pin,
                       self._float, self._sign_in, self._message):
            widget.setMaximumWidth(420)
            layout.addWidget(widget)

        self._pin.returnPressed.connect(self._submit)
        self._float.returnPressed.connect(self._submit)
        self._sign_in.clicked.connect(self._submit)
        self._cashiers.itemActivated.connect(self._focus_pin)

    def load(self) -> None:
        self._tasks.submit(Lane.DB_READ, self._sessions.sign_in_choices, self._show_choices,
                           self._show_error)

    def _show_choices(self, choices: SignInChoices) -> None:
        self._title.setText(choices.shop.name)
        self._cashiers.clear()
        for cashier in choices.cashiers:
            item = QListWidgetItem(f"{cashier.name}  ({cashier.role})")
            item.setData(Qt.ItemDataRole.UserRole, cashier.id)
            self._cashiers.addItem(item)
        if choices.cashiers:
            self._cashiers.setCurrentRow(0)
        self._pin.setFocus()
        self.sig_loaded.emit()

    @Slot()
    def _focus_pin(self) -> None:
        self._pin.setFocus()

    @Slot()
    def _submit(self) -> None:
        if self._cashiers.currentRow() < 0:
            show_message(self._message, "Pick your name first.")
            return
        item = self._cashiers.currentItem()
        cashier_id = int(item.data(Qt.ItemDataRole.UserRole))
        pin = self._pin.text()
        try:
            float_minor = parse_tendered(self._float.text()) if self._float.text().strip() else 0
        except UserError as error:
            show_message(self._message, f"opening float: {error.message}")
            return
        self._sign_in.setEnabled(False)
        self._tasks.submit(
            Lane.DB_WRITE,
            lambda: self._sessions.sign_in(cashier_id, pin, float_minor),
            self._signed_in,
            self._show_error,
        )

    def _signed_in(self, signed_in: SignedIn) -> None:
        self._pin.clear()
        self._float.clear()
        self._sign_in.setEnabled(True)
        show_message(self._message, "")
        self.sig_signed_in.emit(signed_in)

    def say(self, text: str) -> None:
        """A note for whoever signs in next (e.g. the last shift's Z figures)."""
        show_message(self._message, text, error=False)

    def _show_error(self, error: PosError) -> None:
        self._sign_in.setEnabled(True)
        self._pin.selectAll()
        show_message(self._message, error.message)
