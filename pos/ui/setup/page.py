"""First run: name the shop and its owner."""

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget

from pos.domain.errors import PosError
from pos.services.shop_setup import NewShop, ShopSetupService
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.widgets import message_label, named, show_message


class SetupPage(QWidget):
    sig_shop_created = Signal()

    def __init__(self, setup: ShopSetupService, tasks: TaskRunner) -> None:
        super().__init__()
        self._setup = setup
        self._tasks = tasks
        title = QLabel("Welcome! Let's set up your shop.")
        title.setProperty("role", "title")
        self._shop_name = named(QLineEdit(), "Shop name")
        self._owner_name = named(QLineEdit(), "Your name")
        self._pin = named(QLineEdit(), "Owner PIN")
        self._pin.setEchoMode(QLineEdit.EchoMode.Password)
        self._pin.setValidator(QRegularExpressionValidator(r"\d{0,12}"))
        self._create = named(QPushButton("Create shop"), "Create shop")
        self._message = message_label("Setup message")

        form = QFormLayout()
        form.addRow("Shop name", self._shop_name)
        form.addRow("Your name", self._owner_name)
        form.addRow("PIN (4-12 digits)", self._pin)
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self._create)
        layout.addWidget(self._message)
        self._create.clicked.connect(self._submit)
        self._pin.returnPressed.connect(self._submit)

    @Slot()
    def _submit(self) -> None:
        new = NewShop(self._shop_name.text(), self._owner_name.text(), self._pin.text())
        self._create.setEnabled(False)
        self._tasks.submit(
            Lane.DB_WRITE, lambda: self._setup.create_shop(new), self._created, self._failed
        )

    def _created(self, _result: None) -> None:
        self._create.setEnabled(True)
        self.sig_shop_created.emit()

    def _failed(self, error: PosError) -> None:
        self._create.setEnabled(True)
        show_message(self._message, error.message)
