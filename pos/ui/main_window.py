"""The main window: first-run setup, sign-in, then the till."""

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget

from pos.domain.errors import PosError
from pos.services.catalogue import CatalogueService
from pos.services.checkout import CheckoutService
from pos.services.health import HealthService
from pos.services.shop_setup import ShopSetupService
from pos.services.till_session import SignedIn, SignInChoices, TillSessionService
from pos.ui.setup.page import SetupPage
from pos.ui.signin.page import SignInPage
from pos.ui.status import TillStatusBar
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.till.actions import TillActions
from pos.ui.till.sale_controller import SaleController
from pos.ui.till.screen import TillScreen


@dataclass(frozen=True)
class TillServices:
    """Everything the window needs, wired by `pos.app`."""

    sessions: TillSessionService
    setup: ShopSetupService
    health: HealthService
    catalogue: CatalogueService
    checkout: CheckoutService
    printer: str
    close: Callable[[], None]
    """Releases the database; called once the window has closed and work has stopped."""


class MainWindow(QMainWindow):
    """Emits `sig_ready` once the first screen the cashier can use is on show."""

    sig_ready = Signal()
    sig_failed = Signal(object)

    def __init__(self, services: TillServices, tasks: TaskRunner) -> None:
        super().__init__()
        self.setWindowTitle("Till")
        self.resize(1280, 800)
        self._services = services
        self.tasks = tasks
        self._ready_sent = False
        self.setup_page = SetupPage(services.setup, tasks)
        self.sign_in_page = SignInPage(services.sessions, tasks)
        self.till = TillScreen()
        self.sale = SaleController(services.catalogue, services.checkout, tasks)
        self.till_actions = TillActions(self.till, self.sale)
        self._pages = QStackedWidget()
        for page in (self.setup_page, self.sign_in_page, self.till):
            self._pages.addWidget(page)
        self.setCentralWidget(self._pages)
        self.status = TillStatusBar(services.health, tasks, services.printer)
        self.setStatusBar(self.status)
        self.setup_page.sig_shop_created.connect(self._show_sign_in)
        self.sign_in_page.sig_signed_in.connect(self._show_till)
        self.sign_in_page.sig_loaded.connect(self._mark_ready)

    def start(self) -> None:
        """Find out what to show first (in the background) and check the database."""
        self.status.check_database()
        self.tasks.submit(Lane.DB_READ, self._services.sessions.opening_choices,
                          self._open, self._fatal)

    def _open(self, choices: SignInChoices | None) -> None:
        if choices is None:
            self._pages.setCurrentWidget(self.setup_page)
            self._mark_ready()
        elif choices.shop.is_demo:
            self.tasks.submit(Lane.DB_WRITE, self._services.sessions.demo_sign_in,
                              self._show_till, self._fatal)
        else:
            self._show_sign_in()

    @Slot()
    def _show_sign_in(self) -> None:
        self._pages.setCurrentWidget(self.sign_in_page)
        self.sign_in_page.load()

    @Slot(object)
    def _show_till(self, signed_in: SignedIn) -> None:
        self.till.show_session(signed_in)
        self.sale.start(signed_in)
        self.till_actions.set_thank_you(signed_in.shop.thank_you)
        self._pages.setCurrentWidget(self.till)
        self.setWindowTitle(f"Till: {signed_in.shop.name}")
        self._mark_ready()

    def _fatal(self, error: PosError) -> None:
        self.status.showMessage(error.message)
        self.sig_failed.emit(error)

    @Slot()
    def _mark_ready(self) -> None:
        if not self._ready_sent:
            self._ready_sent = True
            self.sig_ready.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.status.stop()
        self.tasks.shutdown()
        self._services.close()
        super().closeEvent(event)
