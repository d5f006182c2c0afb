"""Cancelling `ImportService.run` (the back office's Cancel), on SQLite and PostgreSQL: it
stops before its next chunk, the chunks committed stay whole, a cancelled dry run leaves
nothing, and running the import again finishes it without duplicates."""

import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pos.db.database import Database
from pos.db.models import AuditEntry, CustomerStats, Sale, SaleLine
from pos.services.importing.batches import ImportCancelledError
from pos.services.importing.service import ImportOptions, ImportService
from pos.services.importing.summary import SalesCounts
from tests.factories import fixed_clock, make_shop, row_counts
from tests.integration.test_import import CUSTOMERS, PRODUCTS, write

RECEIPTS = 50
CHUNK = 10


@pytest.fixture
def catalogue(database: Database, tmp_path: Path) -> Database:
    make_shop(database)
    importer = ImportService(database, fixed_clock)
    importer.run(ImportOptions("products", write(tmp_path, "products.csv", PRODUCTS)))
    importer.run(ImportOptions("customers", write(tmp_path, "customers.csv", CUSTOMERS)))
    return database


@pytest.fixture
def sales_file(tmp_path: Path) -> Path:
    lines = ["receipt,date,customer_code,product_code,quantity,unit_price"]
    lines += [f"N{n:03d},2026-08-{1 + n % 28:02d} 10:00,C{1 + n % 2},TEA1,{1 + n % 3},3.50"
              for n in range(RECEIPTS)]
    return write(tmp_path, "many.csv", "\n".join(lines) + "\n")


class CancelAt:
    """A progress callback that sets `cancel` (as the UI thread does) once `rows` sales
    rows are written, and remembers what it was told."""

    def __init__(self, cancel: threading.Event, rows: int) -> None:
        self.cancel, self.rows = cancel, rows
        self.calls: list[tuple[str, int, int]] = []

    def __call__(self, stage: str, done: int, total: int) -> None:
        self.calls.append((stage, done, total))
        if stage == "sales" and done >= self.rows:
            self.cancel.set()


def test_cancel_stops_between_chunks_and_a_second_run_finishes_without_duplicates(
    catalogue: Database, sales_file: Path
) -> None:
    options = ImportOptions("sales", sales_file, chunk_size=CHUNK)
    cancel = threading.Event()
    progress = CancelAt(cancel, 2 * CHUNK)
    audited = row_counts(catalogue, AuditEntry)
    with pytest.raises(ImportCancelledError, match="start the same import again to finish it"):
        ImportService(catalogue, fixed_clock).run(options, progress, cancel)
    assert progress.calls == [("sales", CHUNK, RECEIPTS), ("sales", 2 * CHUNK, RECEIPTS)]
    with catalogue.reader() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Sale)) == 2 * CHUNK
    assert row_counts(catalogue, AuditEntry) == audited  # a cancelled import is not audited

    resumed = ImportService(catalogue, fixed_clock).run(options, cancel=threading.Event())
    assert resumed.sales == SalesCounts(sales=RECEIPTS - 2 * CHUNK,
                                        lines=RECEIPTS - 2 * CHUNK, existing=2 * CHUNK)
    with catalogue.reader() as uow:
        session = uow.session
        numbers = session.scalars(select(Sale.receipt_number)).all()
        assert sorted(numbers) == [f"N{n:03d}" for n in range(RECEIPTS)]
        assert session.scalar(select(func.sum(SaleLine.quantity))) == sum(
            1 + n % 3 for n in range(RECEIPTS)
        )
        assert sorted(session.scalars(select(CustomerStats.visits))) == [25, 25]


def test_a_cancelled_dry_run_writes_nothing_and_a_cancel_before_the_start_neither(
    catalogue: Database, sales_file: Path
) -> None:
    tables = (Sale, SaleLine, CustomerStats, AuditEntry)
    before = row_counts(catalogue, *tables)
    cancel = threading.Event()
    with pytest.raises(ImportCancelledError, match="dry run, so nothing was written"):
        ImportService(catalogue, fixed_clock).run(
            ImportOptions("sales", sales_file, chunk_size=CHUNK, dry_run=True),
            CancelAt(cancel, 3 * CHUNK), cancel,
        )
    assert row_counts(catalogue, *tables) == before

    already = threading.Event()
    already.set()
    with pytest.raises(ImportCancelledError):
        ImportService(catalogue, fixed_clock).run(
            ImportOptions("sales", sales_file, chunk_size=CHUNK), cancel=already
        )
    assert row_counts(catalogue, *tables) == before
