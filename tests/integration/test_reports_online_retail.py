"""Every report on a shop whose history is a slice of the real Online Retail sample
(October 2011, about 3,600 lines, imported with `pos import sales --format online-retail`),
on SQLite and PostgreSQL. The figures read back out of the PDFs (pypdf) are those of
independent SQL sums, and the takings also those of the file itself.

Three of the slice's products are zero-rated before the import, so the tax report has
two rates; a shift on register 1 today (closed) and one still open give the Z and X
reports something of their own beside the imported history.
"""

import csv
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import DateTime, bindparam, text

from pos.db.database import Database
from pos.domain.cart import Cart, CartLine
from pos.domain.report_figures import ShopProfile
from pos.domain.tender import Tender
from pos.reports.formatting import Formatter
from pos.services.demo import DEMO_CSV
from pos.services.importing.service import ImportOptions, ImportService
from pos.services.reports import ReportRequest, ReportService
from tests.factories import FIXED_NOW, add_product, fixed_clock, make_shop, pdf_text, shift_at

MONTH = "2011-10"
OCTOBER = (date(2011, 10, 1), date(2011, 10, 31))
SECOND_HALF = (date(2011, 10, 16), OCTOBER[1])
# The shop is on London time: British Summer Time until 30 October 2011. The UTC bounds of
# the second half of October, as the database stores them (naive UTC):
SECOND_HALF_UTC = (datetime(2011, 10, 15, 23, 0), datetime(2011, 11, 1, 0, 0))  # noqa: DTZ001
LONDON = Formatter(ShopProfile("", "", "", "GBP", "en_GB", "Europe/London", True))
ZERO_RATED = 3
"""How many of the slice's best-selling products are made zero-rated before the import."""


@dataclass(frozen=True)
class RetailShop:
    database: Database
    file_total_minor: int
    """What the slice's lines add up to (quantity x unit price), from the file."""
    shift_sales: int
    """Sales made in the closed shift on register 1 (today)."""


def one(database: Database, sql: str, **params: object) -> int:
    query = text(sql).bindparams(*(
        bindparam(name, value, type_=DateTime()) if isinstance(value, datetime)
        else bindparam(name, value)
        for name, value in params.items()
    ))
    with database.reader() as uow:
        return int(uow.session.execute(query).scalar_one() or 0)


def slice_of_the_sample(target: Path) -> tuple[list[dict[str, str]], Path]:
    with DEMO_CSV.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        fields = list(reader.fieldnames or ())
        rows = [row for row in reader if row["InvoiceDate"].startswith(MONTH)]
    with target.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fields)
        writer.writeheader()
        writer.writerows(rows)
    return rows, target


@pytest.fixture
def retail(database: Database, tmp_path: Path) -> RetailShop:
    make_shop(database, name="Online Retail Gifts")
    rows, path = slice_of_the_sample(tmp_path / "october-2011.csv")
    best = Counter(row["StockCode"] for row in rows if Decimal(row["UnitPrice"]) > 0)
    for code, _ in best.most_common(ZERO_RATED):
        name = next(row["Description"].strip() for row in rows if row["StockCode"] == code)
        add_product(database, code, name, 100, rate_bp=0)
    summary = ImportService(database, fixed_clock).run(ImportOptions(
        "sales", path, "online-retail", rejects_path=tmp_path / "rejects.csv",
    ))
    assert summary.sales is not None
    assert summary.sales.lines + len(summary.rejects) == len(rows)
    file_total = sum(
        (Decimal(row["Quantity"]) * Decimal(row["UnitPrice"]) for row in rows
         if Decimal(row["UnitPrice"]) > 0), Decimal(0),
    )
    products = [
        CartLine(product_id, code, name, price, 1, rate)
        for product_id, code, name, price, rate in _two_products(database)
    ]
    with shift_at(database, FIXED_NOW - timedelta(hours=2)) as day:
        for quantity in (1, 2, 3):
            cart = Cart()
            for line in products:
                cart = cart.add(replace(line, quantity=quantity))
            day.sell(cart, Tender("cash", 1_000_000))
    with shift_at(database, FIXED_NOW, close=False) as day:
        day.sell(Cart().add(products[0]), Tender("cash", 1_000_000))
    return RetailShop(database, int(file_total * 100), 3)


def _two_products(database: Database) -> list[tuple[int, str, str, int, int]]:
    """The first product (by code) at the lowest tax rate and the first at the highest."""
    found = []
    for order in ("", " DESC"):
        with database.reader() as uow:
            row = uow.session.execute(text(
                "SELECT product.id, product.code, product.name, product.price_minor, "
                "tax_rate.rate_bp FROM product JOIN tax_rate "
                "ON tax_rate.id = product.tax_rate_id WHERE product.active "
                f"ORDER BY tax_rate.rate_bp{order}, product.code LIMIT 1"
            )).one()
        found.append((int(row[0]), str(row[1]), str(row[2]), int(row[3]), int(row[4])))
    return found


def written(database: Database, tmp_path: Path, request: ReportRequest) -> str:
    target = tmp_path / f"{request.kind}.pdf"
    ReportService(database, fixed_clock).write(request, target,
                                               csv=tmp_path / f"{request.kind}.csv")
    printed = pdf_text(target)
    assert "Online Retail Gifts" in printed
    return printed


IMPORTED = "register_id = (SELECT id FROM register WHERE code = 'IMPORT')"


def test_sales_and_tax_of_the_imported_month(retail: RetailShop, tmp_path: Path) -> None:
    database = retail.database
    october = ReportRequest("sales", *OCTOBER)

    takings = one(database, f"SELECT SUM(total_minor) FROM sale WHERE {IMPORTED}")
    assert takings == retail.file_total_minor
    sales = written(database, tmp_path, october)
    assert f"Net takings\n{LONDON.money(takings)}" in sales
    returns = one(database, f"SELECT COUNT(*) FROM sale WHERE kind = 'return' AND {IMPORTED}")
    assert returns > 0  # the slice has cancelled invoices, imported as returns

    tax = written(database, tmp_path, ReportRequest("tax", *OCTOBER))
    with database.reader() as uow:
        per_rate = uow.session.execute(text(
            "SELECT sale_line.tax_rate_bp, SUM(sale_line.total_minor), SUM(sale_line.tax_minor) "
            f"FROM sale_line JOIN sale ON sale.id = sale_line.sale_id WHERE sale.{IMPORTED} "
            "GROUP BY sale_line.tax_rate_bp ORDER BY sale_line.tax_rate_bp"
        )).all()
    assert [int(rate) for rate, _, _ in per_rate] == [0, 2000]
    for rate, gross, tax_minor in per_rate:
        net = int(gross) - int(tax_minor)
        assert (f"{LONDON.rate(int(rate))}\n{LONDON.money(net)}\n{LONDON.money(int(tax_minor))}\n"
                f"{LONDON.money(int(gross))}") in tax
    all_tax = sum(int(tax_minor) for _, _, tax_minor in per_rate)
    assert f"Total\n{LONDON.money(takings - all_tax)}\n{LONDON.money(all_tax)}" in tax



def test_customers_service_and_stock_of_the_second_half_of_october(
    retail: RetailShop, tmp_path: Path
) -> None:
    database = retail.database
    start, end = SECOND_HALF_UTC
    in_period = "completed_at >= :start AND completed_at < :end"
    buyers = one(database, "SELECT COUNT(DISTINCT customer_id) FROM sale "
                           f"WHERE {in_period} AND customer_id IS NOT NULL", start=start, end=end)
    returning = one(database, "SELECT COUNT(DISTINCT s.customer_id) FROM sale s "
                              f"WHERE s.{in_period} AND EXISTS (SELECT 1 FROM sale e WHERE "
                              "e.customer_id = s.customer_id AND e.kind = 'sale' "
                              "AND e.completed_at < :start)", start=start, end=end)
    assert 0 < returning < buyers
    customers = written(database, tmp_path, ReportRequest("customers", *SECOND_HALF))
    assert (f"Customers who bought\nNew\nReturning\nShare of takings to known\ncustomers\n"
            f"{buyers:,}\n{buyers - returning:,}\n{returning:,}\n") in customers

    sales = one(database, f"SELECT COUNT(*) FROM sale WHERE kind = 'sale' AND {in_period}",
                start=start, end=end)
    known = one(database, f"SELECT COUNT(*) FROM sale WHERE kind = 'sale' AND {in_period} "
                          "AND customer_id IS NOT NULL", start=start, end=end)
    service = written(database, tmp_path, ReportRequest("service", *SECOND_HALF))
    assert (f"Sales served\nWith a known customer\nAverage rating\nComplaints opened\n"
            f"{sales:,}\n{LONDON.share(known, sales)}\n") in service

    stock = written(database, tmp_path, ReportRequest("stock", *SECOND_HALF))
    on_sale = one(database, "SELECT COUNT(*) FROM product WHERE active")
    unsold = one(database, "SELECT COUNT(*) FROM product WHERE active AND id NOT IN ("
                           "SELECT sale_line.product_id FROM sale_line JOIN sale "
                           f"ON sale.id = sale_line.sale_id WHERE sale.{in_period} "
                           "AND sale_line.product_id IS NOT NULL)", start=start, end=end)
    assert 0 < unsold < on_sale
    assert (f"Products on sale\nNo longer sold\nNot sold in this period\n{on_sale:,}\n0\n"
            f"{unsold:,}\n") in stock


def test_z_and_x_of_todays_shifts_beside_the_history(retail: RetailShop, tmp_path: Path) -> None:
    database = retail.database
    closed = "SELECT id FROM shift WHERE closed_at IS NOT NULL"
    shift_total = one(database, f"SELECT SUM(total_minor) FROM sale WHERE shift_id = ({closed})")
    assert one(database, f"SELECT COUNT(*) FROM sale WHERE shift_id = ({closed})") == \
        retail.shift_sales
    z = written(database, tmp_path, ReportRequest("z", register_code="1"))
    assert f"Net takings\n{LONDON.money(shift_total)}" in z
    open_total = one(database, "SELECT SUM(total_minor) FROM sale WHERE shift_id = "
                               "(SELECT id FROM shift WHERE closed_at IS NULL)")
    x = written(database, tmp_path, ReportRequest("x", register_code="1"))
    assert f"Net takings\n{LONDON.money(open_total)}" in x
    # The imported history has no shifts: its register's Z report says so.
    imported_z = written(database, tmp_path, ReportRequest("z", register_code="IMPORT"))
    assert "No shift was closed on register IMPORT in this period." in imported_z
