"""The main window: first-run setup, sign-in, then the till."""

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import Signal, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QWidget

from pos.domain.errors import PosError
from pos.domain.money import format_minor
from pos.services.catalogue import CatalogueService
from pos.services.checkout import CheckoutService
from pos.services.complaints import ComplaintService
from pos.services.customers import CustomerService
from pos.services.followups import FollowUpService
from pos.services.health import HealthService
from pos.services.housekeeping import Housekeeping
from pos.services.importing.service import ImportService
from pos.services.lapsed import LapsedService
from pos.services.messages import MessageService
from pos.services.parking import ParkingService
from pos.services.printing import PrintService
from pos.services.promises import PromiseService
from pos.services.quotations import QuotationService
from pos.services.ratings import RatingService
from pos.services.receipt_email import ReceiptEmailService
from pos.services.reports import ReportService
from pos.services.returns import CompletedReturn, ReturnsService
from pos.services.service_review import ServiceReviewService
from pos.services.shifts import ShiftService, ZReport
from pos.services.shop_settings import ShopDetails, ShopSettingsService
from pos.services.shop_setup import ShopSetupService
from pos.services.thank_you import ThankYouService
from pos.services.till_session import (
    Cashier,
    ShopInfo,
    SignedIn,
    SignInChoices,
    TillSessionService,
)
from pos.ui.customer_display import CustomerDisplay
from pos.ui.housekeeping import HousekeepingTimer
from pos.ui.office.access import BackOfficeAccess
from pos.ui.office.customers import CustomersSection
from pos.ui.office.followups import FollowUpsSection
from pos.ui.office.importing import ImportSection
from pos.ui.office.messages import MessagesSection
from pos.ui.office.page import BackOfficePage
from pos.ui.office.printer import PrinterSection
from pos.ui.office.reports import ReportsSection
from pos.ui.office.service_review import ServiceReviewSection
from pos.ui.office.settings import SettingsSection
from pos.ui.office.winback import WinBackSection
from pos.ui.printing import PrinterActions
from pos.ui.returns.page import ReturnPage
from pos.ui.setup.page import SetupPage
from pos.ui.shift.close_page import ShiftClosePage
from pos.ui.signin.page import SignInPage
from pos.ui.status import TillStatusBar
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.till.actions import TillActions
from pos.ui.till.customers import CustomerActions
from pos.ui.till.drawer import DrawerActions
from pos.ui.till.followups import FollowUpActions
from pos.ui.till.parking import ParkingActions
from pos.ui.till.quotations import QuotationActions
from pos.ui.till.receipt_email import ReceiptEmailActions
from pos.ui.till.sale_controller import SaleController
from pos.ui.till.screen import TillScreen
from pos.ui.till.service_actions import ServiceActions


@dataclass(frozen=True)
class TillServices:
    """Everything the window needs, wired by `pos.app`."""

    sessions: TillSessionService
    setup: ShopSetupService
    health: HealthService
    catalogue: CatalogueService
    checkout: CheckoutService
    parking: ParkingService
    customers: CustomerService
    printing: PrintService
    followups: FollowUpService
    promises: PromiseService
    complaints: ComplaintService
    ratings: RatingService
    service_review: ServiceReviewService
    returns: ReturnsService
    shifts: ShiftService
    quotations: QuotationService
    quotations_dir: Path
    reports: ReportService
    reports_dir: Path
    """Where the back office writes reports unless told otherwise (the data directory's
    reports/)."""
    """Where quotation PDFs are written (the data directory's quotations/)."""
    exports_dir: Path
    """Where the back office writes customer data exports (the data directory's exports/)."""
    lapsed: LapsedService
    housekeeping: Housekeeping
    messages: MessageService
    imports: ImportService
    shop_settings: ShopSettingsService
    receipt_email: ReceiptEmailService
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
        self.parking = ParkingActions(self.till, self.sale, services.parking, tasks)
        self.quotations = QuotationActions(self.till, self.sale, services.quotations, tasks,
                                           services.quotations_dir)
        self.customers = CustomerActions(self.till, self.sale, services.customers, tasks)
        self.followups = FollowUpActions(self.till, self.sale, services.followups, tasks,
                                         services.complaints)
        self.service = ServiceActions(self.till, self.sale, services.promises,
                                      services.complaints, services.ratings, tasks)
        self.customers.sig_attached.connect(self.service.show_promises_of)
        self.service.sig_follow_ups_changed.connect(self.followups.refresh)
        self.service.sig_open_items_changed.connect(self.customers.refresh_panel)
        self.quotations.sig_customer.connect(self.customers.attach)
        self.quotations.sig_quoted.connect(self.followups.refresh)
        self.quotations.sig_converted.connect(self.followups.refresh)
        self.status = TillStatusBar(services.health, tasks, services.printer)
        self.receipt_email = ReceiptEmailActions(self.till, self.sale, services.receipt_email,
                                                 services.customers, tasks)
        self.printer = PrinterActions(self.till, services.printing, tasks,
                                      self.status.show_printer)
        self.housekeeping = HousekeepingTimer(services.housekeeping, tasks, self.status)
        self.sale.sig_thanked.connect(self.printer.sale_thanked)
        self.sale.sig_thanked.connect(self.followups.after_sale)  # after the receipt
        self.drawer = DrawerActions(self.till, services.shifts, tasks,
                                    printer_configured=services.printing.configured,
                                    kick=self.printer.open_drawer)
        self.customer_display = CustomerDisplay(self.sale)
        self.sale.sig_thank_you.connect(self.customer_display.show_thank_you)
        self.customer_display.sig_rated.connect(self.service.rate_from_display)
        self.return_page = ReturnPage(services.returns, tasks, services.customers,
                                      services.catalogue)
        self.shift_page = ShiftClosePage(services.shifts, tasks)
        self.office = BackOfficePage()
        self.office_access = BackOfficeAccess(self.till, self.till_actions, services.sessions,
                                              tasks)
        self.office.add_section("Reports", ReportsSection(services.reports, tasks,
                                                          services.reports_dir))
        self.office.add_section("Follow-ups", FollowUpsSection(services.followups,
                                                               services.customers, tasks))
        self.office.add_section("Printer", PrinterSection(services.printing, tasks,
                                                          self.printer.wake))
        self.office.add_section("Service review",
                                ServiceReviewSection(services.service_review, tasks))
        self.office.add_section("Win-back", WinBackSection(services.lapsed, tasks))
        self.office.add_section("Messages",
                                MessagesSection(services.messages, services.customers, tasks))
        self.office.add_section("Import", ImportSection(services.imports, tasks))
        self.office.add_section("Customers", CustomersSection(
            services.customers, services.printing, tasks, services.exports_dir, self.printer.wake))
        self.office.add_section("Settings", SettingsSection(services.shop_settings, tasks,
                                                            self._shop_saved))
        self._signed_in: SignedIn | None = None
        self._pages = QStackedWidget()
        for page in (self.setup_page, self.sign_in_page, self.till, self.return_page,
                     self.shift_page, self.office):
            self._pages.addWidget(page)
        self.till_actions.bind({
            "Park sale": self.parking.park,
            "Parked sales": self.parking.focus_list,
            "Open drawer": self.drawer.open_drawer,
            "Cash in": self.drawer.cash_in,
            "Cash out": self.drawer.cash_out,
            "Return": self._show_return,
            "Shift": self._show_shift,
            "Customer display": self._toggle_customer_display,
            "Add customer": self.customers.add_customer,
            "Reprint receipt": self.printer.reprint,
            "Schedule follow-up": self.followups.schedule,
            "Log complaint": self.service.log_complaint,
            "Back office": self._request_back_office,
            "Quotation": self.quotations.quote,
            "Quotations": self.quotations.recall,
            "E-mail receipt": self.receipt_email.email,
        })
        self.office_access.sig_granted.connect(self.show_back_office)
        self.office.sig_back.connect(self._back_to_till)
        self.return_page.sig_back.connect(self._back_to_till)
        self.return_page.sig_done.connect(self._return_done)
        self.shift_page.sig_back.connect(self._back_to_till)
        self.shift_page.sig_closed.connect(self._shift_closed)
        self.setCentralWidget(self._pages)
        self.setStatusBar(self.status)
        self.setup_page.sig_shop_created.connect(self._show_sign_in)
        self.sign_in_page.sig_signed_in.connect(self._show_till)
        self.sign_in_page.sig_loaded.connect(self._mark_ready)

    def current_page(self) -> QWidget:
        """The page on show: setup, sign-in, till, return, shift close or back office."""
        page = self._pages.currentWidget()
        assert page is not None, "the window always shows one of its pages"
        return page

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
        self._signed_in = signed_in
        self.till.show_session(signed_in)
        self.sale.start(signed_in)
        self.parking.start(signed_in.cashier.id)
        self.quotations.start(signed_in.cashier.id)
        self.drawer.start(signed_in.cashier.id)
        self.printer.start()
        self.followups.start(signed_in.cashier.id)
        self.service.start(signed_in.cashier.id)
        self._show_shop(signed_in.shop)
        self._pages.setCurrentWidget(self.till)
        self._mark_ready()
        self.housekeeping.start()

    def _show_shop(self, shop: ShopInfo) -> None:
        """The shop's name and thank-you wherever the till shows or uses them."""
        self.customer_display.set_shop_name(shop.name)
        thank_you = ThankYouService(self._services.customers, self._services.messages,
                                    shop.name, shop.thank_you, shop.locale)
        self.sale.set_thank_you_picker(thank_you.pick)
        self.setWindowTitle(f"Till: {shop.name}")

    def _shop_saved(self, details: ShopDetails) -> None:
        """The owner saved the shop's details in the back office: the till follows now."""
        if self._signed_in is None:
            return
        shop = replace(self._signed_in.shop, name=details.name, thank_you=details.thank_you)
        self._signed_in = replace(self._signed_in, shop=shop)
        self.till.show_session(self._signed_in)
        self._show_shop(shop)

    @Slot()
    def _toggle_customer_display(self) -> None:
        self.customer_display.setVisible(not self.customer_display.isVisible())

    @Slot()
    def _back_to_till(self) -> None:
        self._pages.setCurrentWidget(self.till)
        self.till.product_entry.setFocus()

    @Slot()
    def _show_return(self) -> None:
        if self._signed_in is None:
            return
        if self.sale.cart.lines:
            self.till_actions.say("finish or park the sale on screen before a return")
            return
        self._pages.setCurrentWidget(self.return_page)
        self.return_page.start(self._signed_in.cashier.id, self.sale.customer_id)

    @Slot()
    def _request_back_office(self) -> None:
        if self._signed_in is not None:
            self.office_access.request(self._signed_in.cashier)

    @Slot(object)
    def show_back_office(self, viewer: Cashier, section: str | None = None) -> None:
        """Show the back office to `viewer`, who has already been let in (a manager or the
        owner), on `section` or the one shown last."""
        self._pages.setCurrentWidget(self.office)
        self.office.open_for(viewer, section)

    @Slot(object)
    def _return_done(self, completed: CompletedReturn) -> None:
        self._back_to_till()
        refunds = ", ".join(
            f"{p.method.replace('_', ' ')} {format_minor(-p.amount_minor)}"
            + (f" ({p.reference})" if p.reference else "")
            for p in completed.payments
        )
        self.till_actions.say(
            f"Return {completed.receipt_number} saved: refund {refunds}", error=False
        )

    @Slot()
    def _show_shift(self) -> None:
        if self._signed_in is None:
            return
        if self.sale.cart.lines:
            self.till_actions.say("finish or park the sale on screen before closing the shift")
            return
        self._pages.setCurrentWidget(self.shift_page)
        self.shift_page.load(self._signed_in.cashier.id)

    @Slot(object)
    def _shift_closed(self, z_report: ZReport) -> None:
        self._signed_in = None
        self._show_sign_in()
        self.sign_in_page.say(
            f"Shift closed. Counted {format_minor(z_report.counted_cash_minor)}, expected "
            f"{format_minor(z_report.expected_cash_minor)}, difference "
            f"{format_minor(z_report.discrepancy_minor)}.",
        )

    def _fatal(self, error: PosError) -> None:
        self.status.showMessage(error.message)
        self.sig_failed.emit(error)

    @Slot()
    def _mark_ready(self) -> None:
        if not self._ready_sent:
            self._ready_sent = True
            self.sig_ready.emit()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.office.stop()
        self.status.stop()
        self.housekeeping.stop()
        self.printer.stop()
        self.customer_display.close()
        self.tasks.shutdown()
        self._services.close()
        super().closeEvent(event)
