"""Composition root: settings, database, services and the main window.

`run(argv)` is what the `pos` command runs; `build_main_window()` builds the till on
an existing QApplication (pytest-qt, embedding).
"""

import argparse
import gc
import logging
import sys
import time
from logging.handlers import RotatingFileHandler
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from pos import STARTED_AT
from pos.cli.commands import dispatch
from pos.cli.output import report_error
from pos.cli.parser import GUI_COMMANDS, parse_args
from pos.config import RESOURCES_DIR, Settings, load_settings
from pos.db.database import Database
from pos.domain.errors import PosError
from pos.services.birthday_greetings import BirthdayGreetingService
from pos.services.catalogue import CatalogueService
from pos.services.checkout import CheckoutService
from pos.services.complaints import ComplaintService
from pos.services.customers import CustomerService
from pos.services.digest import DigestService
from pos.services.followups import FollowUpService
from pos.services.health import HealthService
from pos.services.housekeeping import Housekeeping
from pos.services.importing.service import ImportService
from pos.services.lapsed import LapsedService
from pos.services.messages import MessageService
from pos.services.opening import open_database, prepare_data_dir
from pos.services.parking import ParkingService
from pos.services.printing import PrintService
from pos.services.promises import PromiseService
from pos.services.quotations import QuotationService
from pos.services.ratings import RatingService
from pos.services.receipt_email import ReceiptEmailService
from pos.services.reports import ReportService
from pos.services.returns import ReturnsService
from pos.services.service_review import ServiceReviewService
from pos.services.shifts import ShiftService
from pos.services.shop_settings import ShopSettingsService, with_stored_printer
from pos.services.shop_setup import ShopSetupService
from pos.services.till_session import TillSessionService
from pos.ui.main_window import MainWindow, TillServices
from pos.ui.tasks import Lane, TaskRunner, thread_executors

log = logging.getLogger(__name__)

FONT_FAMILY = "DejaVu Sans"


def configure_logging(settings: Settings) -> None:
    """Log to a rotating file in the data directory (never to the cashier's screen)."""
    handler = RotatingFileHandler(settings.log_file, maxBytes=2_000_000, backupCount=5,
                                  encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    # force=True: python-escpos calls logging.basicConfig() on import (PRINTING.md).
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)


def load_fonts_and_style(app: QApplication) -> None:
    """Bundled fonts (offscreen and fresh machines may have none) and the till's style."""
    for font_file in sorted((RESOURCES_DIR / "fonts").glob("*.ttf")):
        QFontDatabase.addApplicationFont(str(font_file))
    app.setFont(QFont(FONT_FAMILY, 11))
    app.setStyleSheet((RESOURCES_DIR / "style.qss").read_text(encoding="utf-8"))


def _wire(settings: Settings, database: Database, tasks: TaskRunner) -> MainWindow:
    settings = with_stored_printer(settings, database)  # the environment's first
    quotations = QuotationService(database, settings.register_code)
    services = TillServices(
        sessions=TillSessionService(database, settings.register_code),
        setup=ShopSetupService(database, settings.register_code),
        health=HealthService(database),
        catalogue=CatalogueService(database),
        checkout=CheckoutService(database, settings.register_code),
        parking=ParkingService(database, settings.register_code),
        customers=CustomerService(database),
        printing=PrintService(database, settings),
        followups=FollowUpService(database),
        promises=PromiseService(database),
        complaints=ComplaintService(database),
        ratings=RatingService(database),
        service_review=ServiceReviewService(database),
        returns=ReturnsService(database, settings.register_code),
        shifts=ShiftService(database, settings.register_code),
        quotations=quotations,
        quotations_dir=settings.data_dir / "quotations",
        reports=ReportService(database, register_code=settings.register_code),
        reports_dir=settings.data_dir / "reports",
        exports_dir=settings.data_dir / "exports",
        lapsed=LapsedService(database),
        housekeeping=Housekeeping(
            database, quotations, DigestService(database, settings.smtp_url),
            birthdays=BirthdayGreetingService(database, settings.smtp_url),
        ),
        messages=MessageService(database),
        imports=ImportService(database),
        shop_settings=ShopSettingsService(database, settings),
        receipt_email=ReceiptEmailService(database, settings),
        printer=settings.receipt_printer,
        close=database.close,
    )
    return MainWindow(services, tasks)


def build_main_window(
    data_dir: Path | None = None,
    database_url: str | None = None,
    *,
    executors: dict[Lane, object] | None = None,
) -> MainWindow:
    """The till on the existing QApplication; `start()` is already called.

    `executors` lets tests run background work inline (see pos.ui.tasks).
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("create a QApplication before building the main window")
    load_fonts_and_style(app)
    settings = load_settings(data_dir=data_dir, database_url=database_url)
    database = open_database(settings)
    tasks = TaskRunner(executors or thread_executors())  # type: ignore[arg-type]
    window = _wire(settings, database, tasks)
    window.start()
    return window


def _open_gui(args: argparse.Namespace, settings: Settings) -> int:
    if args.command == "demo":
        from pos.services.demo_setup import prepare_demo  # only the demo needs the builder

        database = prepare_demo(settings, reset=args.reset)
    else:
        database = open_database(settings)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("pos")
    load_fonts_and_style(app)
    tasks = TaskRunner(thread_executors())
    app.aboutToQuit.connect(tasks.shutdown)
    window = _wire(settings, database, tasks)
    outcome = {"code": 0}
    if getattr(args, "quit_after_ready", False):
        window.sig_ready.connect(lambda: _report_ready_and_quit(window))
        window.sig_failed.connect(lambda error: _fail(outcome, error))
    window.show()
    window.start()
    # Everything loaded so far lives as long as the till: keep the garbage collector from
    # walking it again and again (full collections cost 20-40 ms on the UI thread).
    gc.collect()
    gc.freeze()
    code = app.exec()
    return outcome["code"] or code


def _report_ready_and_quit(window: MainWindow) -> None:
    elapsed_ms = round((time.perf_counter() - STARTED_AT) * 1000)
    print(f"ready in {elapsed_ms} ms", flush=True)
    log.info("ready in %d ms", elapsed_ms)
    window.close()
    QTimer.singleShot(0, QCoreApplication.quit)


def _fail(outcome: dict[str, int], error: PosError) -> None:
    outcome["code"] = report_error(error)
    QTimer.singleShot(0, QCoreApplication.quit)


def run(argv: list[str]) -> int:
    """What `pos` runs: parse, configure, then open the till or run a command."""
    try:
        args = parse_args(argv)
    except SystemExit as exit_request:  # argparse: --help (0) and usage errors (2)
        return exit_request.code if isinstance(exit_request.code, int) else 2
    settings = load_settings()
    try:
        prepare_data_dir(settings)
        configure_logging(settings)
        if args.command in GUI_COMMANDS:
            return _open_gui(args, settings)
        return dispatch(args, settings)
    except PosError as error:
        log.warning("stopped: %s", error.message)
        return report_error(error)


def main() -> None:
    sys.exit(run(sys.argv[1:]))
