"""The Online Retail sample imported as a shop's history, on SQLite and PostgreSQL: the
counts and the money reconcile with the file to the penny, every row not imported is in
the reject report, and importing the file again changes nothing.

The sample is `resources/demo/online_retail_sample.csv`, the same file as
`../shared/data/online_retail_sample.csv` (30,000 rows of the UCI data set).
"""

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pos.db.database import Database
from pos.db.importing import IMPORT_REGISTER_CODE
from pos.db.models import (
    Customer,
    CustomerStats,
    Product,
    Register,
    Sale,
    SaleLine,
    TaxRate,
    User,
)
from pos.services.demo import DEMO_CSV
from pos.services.importing.service import ImportOptions, ImportService
from pos.services.importing.summary import ImportSummary
from tests.factories import fixed_clock, make_shop, row_counts

SAMPLE_ROWS = 30_000


@dataclass(frozen=True)
class Expected:
    """What the file says should be there, worked out from the file and the reject report."""

    rows: int
    rejected: set[int]
    invoices: set[str]
    cancellations: set[str]
    customers: set[str]
    products: set[str]
    total_pence: int


def expected(rejects_path: Path) -> Expected:
    with rejects_path.open(encoding="utf-8", newline="") as file:
        rejected = {int(row["line"]) for row in csv.DictReader(file)}
    with DEMO_CSV.open(encoding="utf-8", newline="") as file:
        rows = list(enumerate(csv.DictReader(file), start=2))  # no quoted newlines in it
    kept = [row for line, row in rows if line not in rejected]
    total = sum(Decimal(row["Quantity"]) * Decimal(row["UnitPrice"]) for row in kept)
    return Expected(
        rows=len(rows),
        rejected=rejected,
        invoices={row["InvoiceNo"] for row in kept},
        cancellations={row["InvoiceNo"] for row in kept if row["InvoiceNo"].startswith("C")},
        customers={str(int(Decimal(row["CustomerID"]))) for row in kept if row["CustomerID"]},
        products={row["StockCode"] for row in kept},
        total_pence=int(total * 100),
    )


@pytest.fixture
def imported(database: Database, tmp_path: Path) -> tuple[ImportSummary, Expected]:
    make_shop(database)
    summary = ImportService(database, fixed_clock).run(ImportOptions(
        "sales", DEMO_CSV, "online-retail", rejects_path=tmp_path / "rejects.csv",
    ))
    return summary, expected(tmp_path / "rejects.csv")


def test_the_sample_reconciles_to_the_penny(
    database: Database, imported: tuple[ImportSummary, Expected]
) -> None:
    summary, file = imported
    assert file.rows == summary.rows == SAMPLE_ROWS
    assert summary.products is not None
    assert summary.customers is not None
    assert summary.sales is not None
    assert summary.products.new == len(file.products)
    assert summary.customers.new == len(file.customers)
    assert summary.sales.sales + summary.sales.returns == len(file.invoices)
    assert summary.sales.returns == len(file.cancellations)
    assert summary.sales.lines + len(file.rejected) == SAMPLE_ROWS  # nothing dropped silently
    with database.reader() as uow:
        session = uow.session
        imported_sales = Sale.register_id.in_(
            select(Register.id).where(Register.code == IMPORT_REGISTER_CODE)
        )
        assert session.scalar(select(func.count()).where(imported_sales)) == len(file.invoices)
        assert set(session.scalars(select(Sale.receipt_number))) == file.invoices
        assert set(session.scalars(select(Customer.code))) == file.customers
        assert set(session.scalars(select(Product.code))) == file.products
        sales_total = session.scalar(select(func.sum(Sale.total_minor)).where(imported_sales))
        lines_total = session.scalar(select(func.sum(SaleLine.total_minor)))
        quantity_times_price = session.scalar(
            select(func.sum(SaleLine.quantity * SaleLine.unit_price_minor))
        )
        assert sales_total == lines_total == quantity_times_price == file.total_pence
        assert session.scalar(select(func.sum(CustomerStats.visits))) == session.scalar(
            select(func.count()).where(Sale.customer_id.is_not(None), Sale.kind == "sale")
        )
        importer = session.scalars(select(User).where(User.name == "Imported history")).one()
        assert not importer.active
    # The sample's 37 lines priced 0 (stock adjustments) are its only rejects.
    assert len(summary.rejects) == len(file.rejected) == 37
    assert {reject.reason.split(";")[0] for reject in summary.rejects} == {
        "unit price 0.0 is not a sale price (a stock adjustment, a free line or bad debt)"
    }
    check_linked_returns(database, summary)


def check_linked_returns(database: Database, summary: ImportSummary) -> None:
    """Cancellations are returns, linked to an earlier sale of the same customer that had
    the product, where one is in the file (the sample holds few of them)."""
    assert summary.sales is not None
    assert 0 < summary.sales.returns_linked < summary.sales.returns
    with database.reader() as uow:
        session = uow.session
        linked = session.scalars(
            select(Sale).where(Sale.kind == "return", Sale.original_sale_id.is_not(None))
        ).all()
        assert len(linked) == summary.sales.returns_linked
        for sale in linked:
            original = session.get(Sale, sale.original_sale_id)
            assert original is not None
            assert (original.kind, original.customer_id) == ("sale", sale.customer_id)
            assert original.completed_at <= sale.completed_at
            assert sale.total_minor < 0
            returned = session.scalars(select(SaleLine).where(SaleLine.sale_id == sale.id))
            for line in returned:
                if line.original_line_id is not None:
                    bought = session.get(SaleLine, line.original_line_id)
                    assert bought is not None
                    assert (bought.sale_id, bought.product_code) == (original.id,
                                                                      line.product_code)


def test_importing_the_sample_again_changes_nothing(
    database: Database, tmp_path: Path, imported: tuple[ImportSummary, Expected]
) -> None:
    tables = (Sale, SaleLine, Customer, CustomerStats, Product, TaxRate, Register, User)
    before = row_counts(database, *tables)
    with database.reader() as uow:
        money = uow.session.scalar(select(func.sum(Sale.total_minor)))
    again = ImportService(database, fixed_clock).run(ImportOptions(
        "sales", DEMO_CSV, "online-retail", rejects_path=tmp_path / "again.csv",
    ))
    assert row_counts(database, *tables) == before
    with database.reader() as uow:
        assert uow.session.scalar(select(func.sum(Sale.total_minor))) == money
    assert again.products is not None
    assert again.customers is not None
    assert again.sales is not None
    assert (again.products.new, again.customers.new, again.sales.sales, again.sales.returns) == (
        0, 0, 0, 0
    )
    assert again.sales.existing == len(imported[1].invoices)
