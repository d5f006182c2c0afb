"""Every report on generated shops (the demo shop from the Online Retail sample, and the
small benchmark data set), on SQLite and PostgreSQL: the key figures in the PDFs are
those of independent SQL sums, and a year of sales reconciles with its Z reports."""

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import DateTime, bindparam, text

from pos.bench.dataset import build_bench_dataset
from pos.db.database import Database
from pos.db.models import Shift
from pos.db.report_queries.shifts import shift_taxes
from pos.db.repositories import ShopRepository
from pos.db.shifts import ShiftRepository
from pos.domain.periods import Period
from pos.domain.report_figures import REPORT_KINDS, ShopProfile
from pos.reports.formatting import Formatter
from pos.services.demo import build_demo_shop
from pos.services.reports import ReportRequest, ReportService
from pos.services.shifts import shift_report
from tests.factories import FIXED_NOW, fixed_clock, pdf_text

TODAY = FIXED_NOW.date()
# In November the shops' zone (Europe/London) is UTC: the month so far, naive UTC as stored.
MONTH = (datetime(2026, 11, 1), datetime(2026, 11, 25))  # noqa: DTZ001
LONDON = Formatter(ShopProfile("", "", "", "GBP", "en_GB", "Europe/London", True))


def one(database: Database, sql: str) -> int:
    with database.reader() as uow:
        query = text(sql).bindparams(
            bindparam("start", MONTH[0], type_=DateTime()),
            bindparam("end", MONTH[1], type_=DateTime()),
        ) if ":start" in sql else text(sql)
        return int(uow.session.execute(query).scalar_one() or 0)


IN_MONTH = "completed_at >= :start AND completed_at < :end"


@pytest.fixture
def demo(database: Database) -> Database:
    build_demo_shop(database, clock=fixed_clock)
    return database


def test_every_report_on_the_demo_shop(demo: Database, tmp_path: Path) -> None:
    service = ReportService(demo, fixed_clock)
    texts = {}
    for kind in REPORT_KINDS:
        target = tmp_path / f"{kind}.pdf"
        service.write(ReportRequest(kind, register_code="1"), target, csv=tmp_path / f"{kind}.csv")
        texts[kind] = pdf_text(target)
        assert "Hartley & Finch Gifts" in texts[kind]
    takings = one(demo, f"SELECT SUM(total_minor) FROM sale WHERE {IN_MONTH}")
    assert takings > 0
    assert f"Net takings\n{LONDON.money(takings)}" in texts["sales"]
    tax = one(demo, "SELECT SUM(sale_line.tax_minor) FROM sale_line JOIN sale ON sale.id = sale_id "
                    f"WHERE {IN_MONTH}")
    assert f"Total\n{LONDON.money(takings - tax)}\n{LONDON.money(tax)}" in texts["tax"]
    last_shift = one(demo, "SELECT SUM(total_minor) FROM sale WHERE shift_id = "
                           "(SELECT id FROM shift ORDER BY closed_at DESC LIMIT 1)")
    assert f"Net takings\n{LONDON.money(last_shift)}" in texts["z"]
    buyers = one(demo, f"SELECT COUNT(DISTINCT customer_id) FROM sale WHERE {IN_MONTH}")
    assert f"Customers who bought\nNew\nReturning\n" \
           f"Share of takings to known\ncustomers\n{buyers}\n" in texts["customers"]
    served = one(demo, "SELECT COUNT(*) FROM sale WHERE kind = 'sale' AND register_id = "
                       f"(SELECT id FROM register WHERE code = '1') AND {IN_MONTH}")
    assert served > 0
    assert "Sales served\nWith a known customer\nAverage rating\nComplaints opened\n" \
           f"{served:,}\n" in texts["service"]
    assert "Stock levels are not kept yet" in texts["stock"]
    assert "No shift is open on register 1." in texts["x"]


def test_a_year_of_generated_sales_reconciles(database: Database, tmp_path: Path) -> None:
    build_bench_dataset(database, "small", clock=fixed_clock)
    year = Period(TODAY - timedelta(days=365), TODAY)
    with database.reader() as uow:
        session = uow.session
        shop = ShopRepository(session).shop()
        assert shop is not None
        total = int(session.execute(text("SELECT SUM(total_minor) FROM sale")).scalar_one())
        taxes = {int(rate): int(tax) for rate, tax in session.execute(text(
            "SELECT tax_rate_bp, SUM(tax_minor) FROM sale_line GROUP BY tax_rate_bp"))}
        z_nets = sum(
            shift_report(ShiftRepository(session), shift, "1").net_minor
            for shift in session.query(Shift)
        )
        bounds = year.utc_bounds(ZoneInfo(shop.timezone))
        z_taxes: dict[int, int] = {}
        for shift in shift_taxes(session, bounds, None, prices_include_tax=True):
            for line in shift.taxes:
                z_taxes[line.rate_bp] = z_taxes.get(line.rate_bp, 0) + line.tax_minor
    assert z_nets == total
    assert {rate: tax for rate, tax in z_taxes.items() if tax} == {
        rate: tax for rate, tax in taxes.items() if tax
    }
    target = tmp_path / "year.pdf"
    ReportService(database, fixed_clock).write(
        ReportRequest("sales", year.start, year.end), target
    )
    assert f"Net takings\n{LONDON.money(total)}" in pdf_text(target)
    tax_pdf = tmp_path / "tax.pdf"
    ReportService(database, fixed_clock).write(ReportRequest("tax", year.start), tax_pdf)
    assert "add up to the same tax per rate" in pdf_text(tax_pdf)
