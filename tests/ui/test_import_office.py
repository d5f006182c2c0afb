"""The back office's Import section through the real window (the owner's PIN, then the tab):
a slice of the Online Retail sample imported as sales matches the database and the reject
report; a dry run writes nothing; an import cancelled half-way keeps whole chunks and
finishes, without duplicates, when started again; a Latin-1 file keeps its accents; and
files that cannot be imported are refused in place with nothing written."""

import csv
import threading
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from pos.db.database import Database
from pos.db.models import AuditEntry, Customer, CustomerStats, Product, Sale, SaleLine
from pos.services.demo import DEMO_CSV
from pos.services.importing.summary import ImportSummary
from pos.ui.main_window import MainWindow
from pos.ui.office.importing import ImportSection, parse_column_map
from tests.factories import OWNER_PIN, make_shop, row_counts, sign_in_cashier
from tests.ui.conftest import OpenTill, named_as
from tests.ui.test_back_office import ask_for_back_office

SLICE_ROWS = 2_000
IMPORT_TIMEOUT_MS = 60_000
TABLES = (Sale, SaleLine, Product, Customer, CustomerStats)


@pytest.fixture
def window(shop_database: Database, open_till: OpenTill) -> MainWindow:
    """The till of an empty (demo) shop: no products, customers or sales; Alex signed in."""
    make_shop(shop_database, demo=True)
    sign_in_cashier(shop_database)
    return open_till()


@pytest.fixture
def retail_slice(tmp_path: Path) -> Path:
    """The header and first 2,000 rows of the Online Retail sample (the file in
    ../shared/data, kept in the repository as the demo's history)."""
    with DEMO_CSV.open(encoding="utf-8") as source:
        lines = [next(source) for _ in range(SLICE_ROWS + 1)]
    path = tmp_path / "retail.csv"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def open_import(qtbot: QtBot, window: MainWindow) -> ImportSection:
    ask_for_back_office(qtbot, window, OWNER_PIN)
    qtbot.waitUntil(lambda: window.current_page() is window.office)
    tabs = window.office.sections
    index = next(i for i in range(tabs.count()) if tabs.tabText(i) == "Import")
    tabs.setCurrentIndex(index)
    section = window.office.section("Import")
    assert isinstance(section, ImportSection)
    return section


def fill(section: ImportSection, path: Path | str, kind: str, format_name: str = "generic",
         *, encoding: str = "utf-8", column_map: str = "", dry_run: bool = False) -> None:
    for name, data in (("Import kind", kind), ("Import format", format_name)):
        combo = named_as(section, name, QComboBox)
        combo.setCurrentIndex(combo.findData(data))
        assert combo.currentData() == data
    named_as(section, "Import file", QLineEdit).setText(str(path))
    named_as(section, "Import encoding", QComboBox).setCurrentText(encoding)
    named_as(section, "Column map", QPlainTextEdit).setPlainText(column_map)
    named_as(section, "Dry run", QCheckBox).setChecked(dry_run)


def start(qtbot: QtBot, section: ImportSection) -> None:
    qtbot.mouseClick(named_as(section, "Start import", QPushButton), Qt.MouseButton.LeftButton)


def run_import(qtbot: QtBot, section: ImportSection) -> ImportSummary:
    """Start the import and wait for its summary."""
    with qtbot.waitSignal(section.sig_import_finished, timeout=IMPORT_TIMEOUT_MS) as finished:
        start(qtbot, section)
    summary = finished.args[0]
    assert isinstance(summary, ImportSummary)
    qtbot.waitUntil(named_as(section, "Start import", QPushButton).isEnabled)
    return summary


def cell(table: QTableWidget, row: int, column: int) -> str:
    item = table.item(row, column)
    return item.text() if item is not None else ""


def message(section: ImportSection) -> str:
    return named_as(section, "Import message", QLabel).text()


@dataclass(frozen=True)
class FileFacts:
    """What the slice holds once the rows in its reject report are left out."""

    rows: int
    rejected: dict[int, str]
    invoices: set[str]
    products: set[str]
    customers: set[str]
    total_pence: int


def facts(path: Path, rejects_path: Path) -> FileFacts:
    with rejects_path.open(encoding="utf-8", newline="") as file:
        rejected = {int(row["line"]): row["reason"] for row in csv.DictReader(file)}
    with path.open(encoding="utf-8", newline="") as file:
        rows = list(enumerate(csv.DictReader(file), start=2))
    kept = [row for line, row in rows if line not in rejected]
    return FileFacts(
        rows=len(rows), rejected=rejected,
        invoices={row["InvoiceNo"] for row in kept},
        products={row["StockCode"] for row in kept},
        customers={str(int(Decimal(row["CustomerID"]))) for row in kept if row["CustomerID"]},
        total_pence=int(sum(Decimal(row["Quantity"]) * Decimal(row["UnitPrice"])
                            for row in kept) * 100),
    )


def receipts(database: Database) -> list[str]:
    with database.reader() as uow:
        return list(uow.session.scalars(select(Sale.receipt_number)))


def test_a_slice_of_online_retail_imports_as_sales_and_matches_the_database(
    qtbot: QtBot, window: MainWindow, shop_database: Database, retail_slice: Path
) -> None:
    section = open_import(qtbot, window)
    progress = named_as(section, "Import progress", QProgressBar)
    stages: list[str] = []
    section.sig_import_progressed.connect(lambda _run, stage, _done, _total:
                                          stages.append(stage))
    fill(section, retail_slice, "sales", "online-retail")

    summary = run_import(qtbot, section)

    file = facts(retail_slice, summary.rejects_path)
    assert summary.rejects_path == retail_slice.with_name("retail.rejects.csv")
    assert summary.rows == file.rows == SLICE_ROWS
    assert summary.products is not None
    assert summary.customers is not None
    assert summary.sales is not None
    assert summary.sales.lines + len(file.rejected) == SLICE_ROWS  # nothing dropped silently
    with shop_database.reader() as uow:
        session = uow.session
        assert set(session.scalars(select(Sale.receipt_number))) == file.invoices
        assert set(session.scalars(select(Product.code))) == file.products
        assert set(session.scalars(select(Customer.code))) == file.customers
        assert session.scalar(select(func.count()).select_from(SaleLine)) == summary.sales.lines
        assert session.scalar(select(func.sum(Sale.total_minor))) == file.total_pence
        audit = session.scalars(select(AuditEntry).where(AuditEntry.action == "import.sales"))
        assert [entry.actor for entry in audit] == ["back office (Olivia)"]
    assert summary.sales.sales + summary.sales.returns == len(file.invoices)
    assert (summary.products.new, summary.customers.new) == (len(file.products),
                                                            len(file.customers))
    # The counts and where the reject report is are on screen, the first rejects below.
    text = message(section)
    assert f"sales: {summary.sales.sales:,} new, returns: {summary.sales.returns:,} new" in text
    assert f"products: {len(file.products):,} new, 0 already there" in text
    assert f"rejected: {len(file.rejected):,} rows, listed in {summary.rejects_path}" in text
    table = named_as(section, "Import rejects", QTableWidget)
    shown = {int(cell(table, row, 0)): cell(table, row, 1) for row in range(table.rowCount())}
    assert file.rejected  # the slice has zero-priced lines (stock adjustments)
    assert shown == dict(sorted(file.rejected.items())[:10])
    # Progress reached the bar through the stages, on the UI thread.
    assert list(dict.fromkeys(stages))[:3] == ["products", "customers", "sales"]
    assert progress.value() == 100

    # The same file again changes nothing.
    before = row_counts(shop_database, *TABLES)
    again = run_import(qtbot, section)
    assert row_counts(shop_database, *TABLES) == before
    assert again.sales is not None
    assert (again.sales.sales, again.sales.returns, again.sales.existing) == (
        0, 0, len(file.invoices)
    )
    assert f"{len(file.invoices):,} receipts already imported" in message(section)


class PauseAtSales:
    """Holds the worker after the first chunk of sales it commits, until told to go on
    (connected directly: runs in the worker thread)."""

    def __init__(self) -> None:
        self.reached = threading.Event()
        self.go_on = threading.Event()

    def hold(self, run: int, stage: str, done: int, total: int) -> None:
        del run
        if stage == "sales" and done < total and not self.reached.is_set():
            self.reached.set()
            self.go_on.wait(timeout=IMPORT_TIMEOUT_MS / 1000)


def test_a_dry_run_writes_nothing_and_a_cancelled_import_finishes_when_started_again(
    qtbot: QtBot, window: MainWindow, shop_database: Database, retail_slice: Path
) -> None:
    section = open_import(qtbot, window)
    before = row_counts(shop_database, *TABLES)
    fill(section, retail_slice, "sales", "online-retail", dry_run=True)
    dry = run_import(qtbot, section)
    assert row_counts(shop_database, *TABLES) == before
    assert dry.dry_run
    assert dry.sales is not None
    assert dry.sales.sales > 0
    assert "dry run: nothing was written" in message(section)

    section.chunk_size = 100  # receipts per commit: several chunks to stop between
    pause = PauseAtSales()
    section.sig_import_progressed.connect(pause.hold, Qt.ConnectionType.DirectConnection)
    named_as(section, "Dry run", QCheckBox).setChecked(False)
    cancel = named_as(section, "Cancel import", QPushButton)
    assert not cancel.isEnabled()
    start(qtbot, section)
    qtbot.waitUntil(pause.reached.is_set, timeout=IMPORT_TIMEOUT_MS)
    progress = named_as(section, "Import progress", QProgressBar)
    qtbot.waitUntil(lambda: progress.text().startswith("sales: "))  # the UI kept painting
    assert not named_as(section, "Start import", QPushButton).isEnabled()
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    pause.go_on.set()
    qtbot.waitUntil(lambda: "cancelled" in message(section), timeout=IMPORT_TIMEOUT_MS)
    assert message(section) == ("the import was cancelled; what was written is kept: start "
                                "the same import again to finish it")
    halfway = receipts(shop_database)
    assert 0 < len(halfway) < dry.sales.sales + dry.sales.returns
    qtbot.waitUntil(named_as(section, "Start import", QPushButton).isEnabled)

    resumed = run_import(qtbot, section)
    assert resumed.sales is not None
    assert resumed.sales.existing == len(halfway)
    assert resumed.sales.sales + resumed.sales.returns + len(halfway) == (
        dry.sales.sales + dry.sales.returns
    )
    numbers = receipts(shop_database)
    assert len(numbers) == len(set(numbers)) == dry.sales.sales + dry.sales.returns
    assert resumed.rejects == dry.rejects
    with shop_database.reader() as uow:
        lines = uow.session.scalar(select(func.count()).select_from(SaleLine))
    assert lines == dry.sales.lines


def test_a_latin1_customers_file_keeps_its_accents_with_the_encoding_set(
    qtbot: QtBot, window: MainWindow, shop_database: Database, tmp_path: Path
) -> None:
    path = tmp_path / "klanten.csv"
    path.write_bytes("Nummer,Naam,E-mail\nK1,Zoë Brontë,zoe@example.com\n"
                     "K2,José Müller,jose@example.com\nK3,,nobody@example.com\n"
                     .encode("latin-1"))
    section = open_import(qtbot, window)
    section.choose_file = lambda _parent, _start: str(path)  # instead of the file dialog
    qtbot.mouseClick(named_as(section, "Choose import file", QPushButton),
                     Qt.MouseButton.LeftButton)
    assert named_as(section, "Import file", QLineEdit).text() == str(path)
    fill(section, path, "customers", column_map="Nummer=code, Naam=name\nE-mail=email")

    before = row_counts(shop_database, Customer)
    start(qtbot, section)  # read as UTF-8: refused, nothing written
    qtbot.waitUntil(lambda: "is not UTF-8 text" in message(section), timeout=IMPORT_TIMEOUT_MS)
    assert message(section).startswith("klanten.csv is not UTF-8 text: byte 0xEB on line 2")
    assert "\n" not in message(section)
    assert row_counts(shop_database, Customer) == before

    named_as(section, "Import encoding", QComboBox).setCurrentText("latin-1")
    summary = run_import(qtbot, section)
    assert summary.customers is not None
    assert summary.customers.new == 2
    with shop_database.reader() as uow:
        names = set(uow.session.scalars(select(Customer.name)))
    assert names == {"Zoë Brontë", "José Müller"}
    table = named_as(section, "Import rejects", QTableWidget)
    assert table.rowCount() == 1
    assert (cell(table, 0, 0), cell(table, 0, 1)) == ("4", summary.rejects[0].reason)


def test_files_that_cannot_be_imported_are_refused_in_place(
    qtbot: QtBot, window: MainWindow, shop_database: Database, tmp_path: Path,
    retail_slice: Path,
) -> None:
    section = open_import(qtbot, window)
    before = row_counts(shop_database, *TABLES)

    def refused(expected: str) -> None:
        start(qtbot, section)
        qtbot.waitUntil(lambda: expected in message(section), timeout=IMPORT_TIMEOUT_MS)
        qtbot.waitUntil(named_as(section, "Start import", QPushButton).isEnabled)
        assert "\n" not in message(section)
        assert named_as(section, "Import rejects", QTableWidget).isHidden()
        assert row_counts(shop_database, *TABLES) == before

    fill(section, "", "sales")
    refused("choose the file to import first")
    missing = tmp_path / "no-such.csv"
    fill(section, missing, "sales", "online-retail")
    refused(f"cannot read {missing} (No such file or directory)")
    fill(section, tmp_path, "products")  # a folder, not a file
    refused(f"cannot read {tmp_path}")
    fill(section, retail_slice, "customers")  # the Online Retail layout read as generic
    refused("retail.csv has no column for name")
    fill(section, retail_slice, "products", column_map="StockCode")
    refused("--map takes COLUMN=FIELD (like --map Cost=price), not 'StockCode'")
    fill(section, retail_slice, "products", column_map="StockCode=sku")
    refused("--map names the field 'sku', which products (generic) do not have")
    semicolons = tmp_path / "semi.csv"
    semicolons.write_text("code;name;price\nA;Tea;2.50\n", encoding="utf-8")
    fill(section, semicolons, "products")
    refused("semi.csv separates its columns with ';'")
    fill(section, retail_slice, "sales", "online-retail", encoding="klingon")
    refused("unknown encoding 'klingon'")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", {}),
        ("Cost=price", {"cost": "price"}),
        ("Cost=price, Title=name", {"cost": "price", "title": "name"}),
        ("Cost = price\n\nTitle=name,\n", {"cost": "price", "title": "name"}),
    ],
)
def test_the_column_map_takes_pairs_per_line_or_comma_separated(
    text: str, expected: dict[str, str]
) -> None:
    assert parse_column_map(text) == expected
