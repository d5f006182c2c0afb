"""The back office's Reports section, driven through its widgets on a real shop: the report
runs on the reports lane (a real thread), progress reaches the bar while it runs, Cancel
leaves no file, bad input is refused in place, and Open hands the PDF to the viewer."""

import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QDate, QObject, Qt, Slot
from PySide6.QtWidgets import QComboBox, QDateEdit, QLabel, QLineEdit, QProgressBar, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from pos.db.database import Database
from pos.domain.cart import Cart, CartLine
from pos.domain.report_figures import ShopProfile
from pos.domain.tender import Tender
from pos.reports.formatting import Formatter
from pos.services.reports import ReportService
from pos.services.till_session import Cashier
from pos.ui.main_window import MainWindow
from pos.ui.office.reports import ReportsSection, default_period, report_file_name
from pos.ui.tasks import TaskRunner, thread_executors
from tests.factories import FIXED_NOW, add_product, fixed_clock, make_shop, pdf_text, sell
from tests.factories import sign_in_cashier as sign_in
from tests.ui.conftest import named_as

OWNER = Cashier(1, "Olivia", "owner")
TODAY = FIXED_NOW.date()
LONDON = Formatter(ShopProfile("", "", "", "GBP", "en_GB", "Europe/London", True))
REPORT_TIMEOUT_MS = 20_000


@pytest.fixture
def shop(shop_database: Database) -> Database:
    """A shop with three sales today on register 1 (two tax rates, one sale of two lines)."""
    make_shop(shop_database)
    alex = sign_in(shop_database)
    mug = CartLine(add_product(shop_database, "M1", "Cat Mug", 450), "M1", "Cat Mug", 450, 1,
                   2000)
    card = CartLine(add_product(shop_database, "C1", "Birthday Card", 250, rate_bp=0), "C1",
                    "Birthday Card", 250, 1, 0)
    for cart in (Cart().add(mug), Cart().add(mug).add(card), Cart().add(card)):
        sell(shop_database, alex, cart, Tender("cash", 10_000))
    return shop_database


@pytest.fixture
def tasks() -> Iterator[TaskRunner]:
    runner = TaskRunner(thread_executors())
    yield runner
    runner.shutdown()


@pytest.fixture
def opened() -> list[Path]:
    return []


@pytest.fixture
def section(
    qtbot: QtBot, shop: Database, tasks: TaskRunner, tmp_path: Path, opened: list[Path]
) -> ReportsSection:
    """The section on screen for the owner, its choices loaded; reports go to
    tmp_path/reports and Open records the file instead of starting a viewer."""
    reports = ReportService(shop, fixed_clock, register_code="1")
    widget = ReportsSection(reports, tasks, tmp_path / "reports", opener=opened.append)
    qtbot.addWidget(widget)
    widget.show()
    widget.activate(OWNER)
    generate = named_as(widget, "Generate report", QPushButton)
    qtbot.waitUntil(generate.isEnabled)
    return widget


def one(database: Database, sql: str) -> int:
    with database.reader() as uow:
        return int(uow.session.execute(text(sql)).scalar_one() or 0)


def choose(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, f"{data!r} is not offered"
    combo.setCurrentIndex(index)


def message(section: ReportsSection) -> str:
    return named_as(section, "Report message", QLabel).text()


def test_a_sales_report_through_the_widgets_holds_the_sql_total(
    qtbot: QtBot, section: ReportsSection, shop: Database, tmp_path: Path, opened: list[Path]
) -> None:
    assert named_as(section, "Report kind", QComboBox).currentData() == "sales"
    start, end = default_period("sales", TODAY)
    assert (start, end) == (date_of(section, "Report from"), date_of(section, "Report to"))
    assert named_as(section, "Report register", QComboBox).currentText() == "All registers"
    choose(named_as(section, "Report format", QComboBox), True)  # PDF + CSV
    name = named_as(section, "Report file name", QLineEdit).text()
    assert name == f"sales-{start.isoformat()}-to-{TODAY.isoformat()}.pdf"

    with qtbot.waitSignal(section.sig_report_written, timeout=REPORT_TIMEOUT_MS):
        qtbot.mouseClick(named_as(section, "Generate report", QPushButton),
                         Qt.MouseButton.LeftButton)

    pdf = tmp_path / "reports" / name
    takings = one(shop, "SELECT SUM(total_minor) FROM sale")
    assert takings == 450 + 700 + 250
    assert f"Net takings\n{LONDON.money(takings)}" in pdf_text(pdf)
    assert pdf.with_suffix(".csv").is_file()
    pages = len(PdfReader(pdf).pages)
    assert message(section) == (f"Saved {name}, {pages} pages and "
                                f"{pdf.with_suffix('.csv').name} (in {pdf.parent})")
    assert named_as(section, "Report progress", QProgressBar).value() == 100
    open_button = named_as(section, "Open report", QPushButton)
    assert open_button.isVisible()
    qtbot.mouseClick(open_button, Qt.MouseButton.LeftButton)
    assert opened == [pdf]


def date_of(section: ReportsSection, name: str) -> date:
    value = named_as(section, name, QDateEdit).date()
    return date(value.year(), value.month(), value.day())


class PauseAtFirstProgress(QObject):
    """Holds the report's worker at its first progress call (connected directly, so it
    runs in the worker) until the test lets it go: the report is then mid-run."""

    def __init__(self) -> None:
        super().__init__()
        self.reached = threading.Event()
        self.go_on = threading.Event()

    @Slot(int, int, str)
    def hold(self, _run: int, _percent: int, _label: str) -> None:
        if not self.reached.is_set():
            self.reached.set()
            self.go_on.wait(timeout=REPORT_TIMEOUT_MS / 1000)


def test_cancel_mid_report_leaves_no_file_and_progress_arrives_meanwhile(
    qtbot: QtBot, section: ReportsSection, tmp_path: Path
) -> None:
    pause = PauseAtFirstProgress()
    section.sig_report_progressed.connect(pause.hold, Qt.ConnectionType.DirectConnection)
    folder = tmp_path / "reports"
    progress = named_as(section, "Report progress", QProgressBar)
    cancel = named_as(section, "Cancel report", QPushButton)
    assert not cancel.isEnabled()

    qtbot.mouseClick(named_as(section, "Generate report", QPushButton),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(pause.reached.is_set, timeout=REPORT_TIMEOUT_MS)
    # The worker is held mid-report, its output half-made under a temporary name...
    assert [path.suffix for path in folder.iterdir()] == [".part"]
    # ...while the UI thread paints the progress it was sent.
    qtbot.waitUntil(lambda: "adding up the period" in progress.text())
    assert cancel.isEnabled()
    assert not named_as(section, "Generate report", QPushButton).isEnabled()

    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    pause.go_on.set()
    qtbot.waitUntil(lambda: "cancelled" in message(section), timeout=REPORT_TIMEOUT_MS)
    assert message(section) == "the report was cancelled; no file was written"
    assert list(folder.iterdir()) == []
    assert not named_as(section, "Open report", QPushButton).isVisible()
    qtbot.waitUntil(named_as(section, "Generate report", QPushButton).isEnabled)


def test_closing_the_till_cancels_a_report_being_written(
    qtbot: QtBot, section: ReportsSection, tmp_path: Path
) -> None:
    pause = PauseAtFirstProgress()
    section.sig_report_progressed.connect(pause.hold, Qt.ConnectionType.DirectConnection)
    qtbot.mouseClick(named_as(section, "Generate report", QPushButton),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(pause.reached.is_set, timeout=REPORT_TIMEOUT_MS)

    section.stop()  # what the back office does when the window closes
    pause.go_on.set()
    qtbot.waitUntil(lambda: "cancelled" in message(section), timeout=REPORT_TIMEOUT_MS)
    assert list((tmp_path / "reports").iterdir()) == []


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (TODAY, TODAY.replace(day=1), "after it ends on 2026-11-01; swap the dates"),
        (TODAY, TODAY.replace(day=25), "2026-11-25 is in the future (today is 2026-11-24)"),
    ],
)
def test_a_bad_period_is_refused_in_place_and_writes_nothing(
    qtbot: QtBot, section: ReportsSection, tmp_path: Path, start: date, end: date,
    expected: str,
) -> None:
    named_as(section, "Report from", QDateEdit).setDate(QDate(start.year, start.month, start.day))
    named_as(section, "Report to", QDateEdit).setDate(QDate(end.year, end.month, end.day))
    qtbot.mouseClick(named_as(section, "Generate report", QPushButton),
                     Qt.MouseButton.LeftButton)
    assert expected in message(section)
    assert not (tmp_path / "reports").exists()
    assert named_as(section, "Generate report", QPushButton).isEnabled()


def test_a_folder_that_cannot_be_written_is_said_in_place(
    qtbot: QtBot, section: ReportsSection, tmp_path: Path
) -> None:
    missing = tmp_path / "no such folder"
    folder = named_as(section, "Report folder", QLineEdit)
    folder.clear()
    qtbot.keyClicks(folder, str(missing))
    qtbot.mouseClick(named_as(section, "Generate report", QPushButton),
                     Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "cannot write" in message(section), timeout=REPORT_TIMEOUT_MS)
    assert "choose a folder that exists and that you can write to" in message(section)
    assert not missing.exists()


def test_z_and_x_default_to_today_on_the_tills_register(
    qtbot: QtBot, section: ReportsSection
) -> None:
    kind = named_as(section, "Report kind", QComboBox)
    register = named_as(section, "Report register", QComboBox)
    choose(kind, "z")
    assert (date_of(section, "Report from"), date_of(section, "Report to")) == (TODAY, TODAY)
    assert register.currentData() == "1"
    assert named_as(section, "Report file name", QLineEdit).text() == report_file_name(
        "z", TODAY, TODAY, "1") == f"z-register-1-{TODAY.isoformat()}.pdf"
    choose(kind, "x")
    assert not named_as(section, "Report from", QDateEdit).isEnabled()
    choose(register, None)
    qtbot.mouseClick(named_as(section, "Generate report", QPushButton),
                     Qt.MouseButton.LeftButton)
    assert "choose a register" in message(section)


def test_the_back_office_has_the_reports_section(qtbot: QtBot, demo_till: MainWindow) -> None:
    demo_till.office.open_for(OWNER, "Reports")
    section = demo_till.office.section("Reports")
    assert isinstance(section, ReportsSection)
    qtbot.waitUntil(named_as(section, "Generate report", QPushButton).isEnabled)
    assert "today is" in named_as(section, "Reports heading", QLabel).text()
