"""Owner reports on SQLite and PostgreSQL: the sales report's total equals the sum of
the Z reports equals the sum of the sales in the database, to the minor unit; tax per
rate agrees with the Z reports; days and hours are the shop's own; PDFs and CSVs carry
the figures that independent SQL sums give."""

import csv
import threading
from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import text

from pos.db.database import Database
from pos.db.models import Shift
from pos.db.report_queries import sales as sales_queries
from pos.db.report_queries.common import sales_in
from pos.db.report_queries.shifts import shift_taxes
from pos.db.repositories import ShopRepository
from pos.db.shifts import ShiftRepository
from pos.domain.cart import Cart, CartLine, Discount
from pos.domain.periods import Period
from pos.domain.pricing import PricingRules, price_cart
from pos.domain.report_figures import ShopProfile
from pos.domain.sales_calendar import SalesCalendar
from pos.domain.tender import Tender
from pos.reports.formatting import Formatter
from pos.services.report_run import ReportCancelledError
from pos.services.reports import ReportRequest, ReportService
from pos.services.shifts import shift_report
from tests.factories import (
    ShiftDay,
    add_customer,
    add_product,
    fixed_clock,
    make_shop,
    pdf_text,
    shift_at,
)

WARSAW = ZoneInfo("Europe/Warsaw")
NOVEMBER = Period(date(2026, 11, 1), date(2026, 11, 24))
SHOP = ShopProfile("Łódź Corner", "", "", "GBP", "en_GB", "Europe/Warsaw", True)
MONEY = Formatter(SHOP)


@dataclass
class Products:
    mug: CartLine
    tea: CartLine
    book: CartLine


def by_card(day: ShiftDay, cart: Cart, customer_id: int | None = None) -> None:
    total = price_cart(cart, PricingRules()).total_minor
    day.sell(cart, Tender("card", total, "AUTH 1"), customer_id=customer_id)


@pytest.fixture
def history(database: Database) -> Database:
    """Three weeks of November in a shop on Warsaw time, on two registers: sales at three
    tax rates, a sale discount, a return, sales either side of local midnight, a shift
    still open on the 24th."""
    make_shop(database, name="Łódź Corner")
    with database.writer() as uow:
        shop = ShopRepository(uow.session).shop()
        assert shop is not None
        shop.timezone = "Europe/Warsaw"
        uow.commit()
    items = Products(
        CartLine(add_product(database, "M1", "Cat Mug", 450), "M1", "Cat Mug", 450, 1, 2000),
        CartLine(add_product(database, "T1", "Earl Grey", 399, rate_bp=500), "T1", "Earl Grey",
                 399, 1, 500),
        CartLine(add_product(database, "B1", "Picture Book", 1299, rate_bp=0), "B1",
                 "Picture Book", 1299, 1, 0),
    )
    zofia = add_customer(database, "Zofia Wójcik")
    with shift_at(database, datetime(2026, 11, 2, 8, 0, tzinfo=UTC)) as day:
        first = day.sell(Cart().add(items.mug).add(items.mug).add(items.tea),
                         Tender("cash", 20_00), customer_id=zofia)
        by_card(day, Cart().add(items.book).discount_sale(Discount("percent", 1000), 10_000))
    with shift_at(database, datetime(2026, 11, 9, 22, 40, tzinfo=UTC), "2",
                  tick=timedelta(minutes=7)) as late:  # 23:40 in Warsaw, on into the 10th
        for _ in range(4):
            late.sell(Cart().add(items.tea).add(items.book), Tender("cash", 20_00))
    with shift_at(database, datetime(2026, 11, 16, 9, 0, tzinfo=UTC)) as day:
        day.give_back(first.receipt_number, {1: 1})
        by_card(day, Cart().add(items.mug).add(items.book), customer_id=zofia)
    with shift_at(database, datetime(2026, 11, 24, 8, 0, tzinfo=UTC), close=False) as today:
        today.sell(Cart().add(items.tea), Tender("cash", 5_00))
    return database


def sql_rows(database: Database, sql: str) -> list[tuple[int, ...]]:
    with database.reader() as uow:
        return [tuple(int(value) for value in row) for row in uow.session.execute(text(sql))]


def total_of_sales(database: Database) -> int:
    return sql_rows(database, "SELECT COALESCE(SUM(total_minor), 0) FROM sale")[0][0]


def write(database: Database, tmp_path: Path, request: ReportRequest) -> str:
    target = tmp_path / f"{request.kind}-{request.register_code}.pdf"
    ReportService(database, fixed_clock).write(request, target)
    return pdf_text(target)


def test_sales_total_equals_the_z_reports_and_the_sales(
    history: Database, tmp_path: Path
) -> None:
    database = history
    total = total_of_sales(database)
    assert total > 0
    bounds = NOVEMBER.utc_bounds(WARSAW)
    with database.reader() as uow:
        session = uow.session
        reported = sales_queries.period_totals(session, bounds, None)
        calendar = SalesCalendar(NOVEMBER, WARSAW)
        calendar.add_all(sales_queries.buckets(session, bounds, None))
        shift_nets = [
            shift_report(ShiftRepository(session), shift, str(shift.register_id)).net_minor
            for shift in session.query(Shift).order_by(Shift.id)
        ]
    assert reported.net_minor == total
    assert sum(day.net_minor for day in calendar.days()) == total
    assert sum(shift_nets) == total
    sales_text = write(database, tmp_path, ReportRequest("sales", NOVEMBER.start))
    assert f"Net takings\n{MONEY.money(total)}" in sales_text
    per_register = {register: amount for register, amount in sql_rows(
        database, "SELECT sale.register_id, SUM(total_minor) FROM sale "
                  "JOIN shift ON shift.id = sale.shift_id WHERE shift.closed_at IS NOT NULL "
                  "GROUP BY sale.register_id")}
    open_shift = sql_rows(database, "SELECT SUM(total_minor) FROM sale JOIN shift "
                                    "ON shift.id = sale.shift_id WHERE shift.closed_at IS NULL")
    assert sum(per_register.values()) + open_shift[0][0] == total
    for register_id, code in ((1, "1"), (2, "2")):
        z_text = write(database, tmp_path, ReportRequest("z", NOVEMBER.start, None, code))
        assert f"Total\n{reported_count(z_text)}\n{MONEY.money(per_register[register_id])}" \
            in z_text
    x_text = write(database, tmp_path, ReportRequest("x", register_code="1"))
    assert f"Net takings\n{MONEY.money(open_shift[0][0])}" in x_text


def reported_count(z_text: str) -> str:
    """The number of sales on the Z reports' total line (checked against the lines)."""
    line = z_text.split("Total\n", 1)[1].splitlines()[0]
    assert line.isdigit()
    return line


def test_tax_per_rate_agrees_with_the_z_reports_and_the_lines(
    history: Database, tmp_path: Path
) -> None:
    database = history
    expected = {rate: (tax, amount) for rate, tax, amount in sql_rows(
        database, "SELECT tax_rate_bp, SUM(tax_minor), SUM(total_minor) FROM sale_line "
                  "GROUP BY tax_rate_bp")}
    assert set(expected) == {0, 500, 2000}
    bounds = NOVEMBER.utc_bounds(WARSAW)
    with database.reader() as uow:
        rows = sales_queries.tax_rows(uow.session, sales_in(bounds, None))
        shifts = shift_taxes(uow.session, bounds, None, prices_include_tax=True)
    assert {rate: (tax, amount) for rate, amount, tax in rows} == expected
    z_tax: dict[int, int] = defaultdict(int)
    for shift in shifts:
        for line in shift.taxes:
            z_tax[line.rate_bp] += line.tax_minor
    assert dict(z_tax) == {rate: tax for rate, (tax, _) in expected.items()}
    tax_text = write(database, tmp_path, ReportRequest("tax", NOVEMBER.start))
    for rate, (tax, amount) in expected.items():
        net = amount - tax
        assert f"{MONEY.rate(rate)}\n{MONEY.money(net)}\n{MONEY.money(tax)}\n" \
               f"{MONEY.money(amount)}" in tax_text
    assert "add up to the same tax per rate" in tax_text


def test_days_are_the_shops_local_days(history: Database, tmp_path: Path) -> None:
    database = history
    with database.reader() as uow:
        rows = uow.session.execute(text("SELECT completed_at, total_minor FROM sale")).all()
    by_day: dict[str, int] = defaultdict(int)
    for completed_at, total in rows:
        moment = completed_at if isinstance(completed_at, datetime) else \
            datetime.fromisoformat(completed_at)
        by_day[moment.replace(tzinfo=UTC).astimezone(WARSAW).date().isoformat()] += total
    assert {"2026-11-09", "2026-11-10"} <= set(by_day)  # the late shift crossed midnight
    target, table = tmp_path / "sales.pdf", tmp_path / "sales.csv"
    ReportService(database, fixed_clock).write(
        ReportRequest("sales", NOVEMBER.start), target, csv=table
    )
    with table.open(encoding="utf-8-sig", newline="") as file:
        lines = list(csv.reader(file))
    daily = lines[lines.index(["Takings per day"]) + 3:]
    reported = {row[0]: row[2] for row in daily if row and row[0].startswith("2026-")}
    assert len(reported) == NOVEMBER.days
    assert {day: amount for day, amount in reported.items() if amount != "0.00"} == {
        day: f"{total / 100:.2f}" for day, total in by_day.items()
    }


def test_customers_report_knows_who_is_new(history: Database, tmp_path: Path) -> None:
    customers_text = write(history, tmp_path, ReportRequest("customers", NOVEMBER.start))
    assert "Zofia Wójcik" in customers_text
    assert "Customers who bought\nNew\nReturning" in customers_text
    known = sql_rows(history, "SELECT SUM(total_minor) FROM sale WHERE customer_id IS NOT NULL")
    assert MONEY.money(known[0][0]) in customers_text


def test_an_empty_period_gives_a_report_that_says_so(
    history: Database, tmp_path: Path
) -> None:
    january = (date(2026, 1, 1), date(2026, 1, 31))
    expectations = {
        "sales": "No sales in this period.",
        "tax": "No sales in this period, so no tax.",
        "customers": "No sales in this period.",
        "z": "No shift was closed on register 1 in this period.",
    }
    for kind, message in expectations.items():
        request = ReportRequest(kind, *january, register_code="1")  # type: ignore[arg-type]
        assert message in write(history, tmp_path, request)


def test_z_report_for_the_thermal_printer(history: Database) -> None:
    lines = ReportService(history, fixed_clock).receipt_lines(ReportRequest("z", register_code="1"))
    assert all(len(line) <= 42 for line in lines)
    last = sql_rows(history, "SELECT SUM(total_minor) FROM sale WHERE shift_id = "
                             "(SELECT MAX(id) FROM shift WHERE closed_at IS NOT NULL "
                             "AND register_id = 1)")[0][0]
    assert any(line.startswith("Net takings") and line.endswith(MONEY.money(last))
               for line in lines)


def test_progress_runs_to_the_end_and_cancel_leaves_nothing(
    history: Database, tmp_path: Path
) -> None:
    service = ReportService(history, fixed_clock)
    out = tmp_path / "reports"
    out.mkdir()
    seen: list[int] = []
    service.write(ReportRequest("sales", NOVEMBER.start), out / "ok.pdf",
                  progress=lambda percent, _label: seen.append(percent))
    assert seen == sorted(seen)
    assert seen[-1] == 100
    cancel = threading.Event()

    def cancel_at_second_step(_percent: int, _label: str) -> None:
        if len(calls) == 1:
            cancel.set()
        calls.append(1)

    calls: list[int] = []
    with pytest.raises(ReportCancelledError):
        service.write(ReportRequest("customers", NOVEMBER.start), out / "no.pdf",
                      csv=out / "no.csv", progress=cancel_at_second_step, cancel=cancel)
    assert sorted(path.name for path in out.iterdir()) == ["ok.pdf"]


def test_a_sale_a_moment_before_local_midnight_stays_on_its_day(database: Database) -> None:
    """SQLite's strftime('%s') rounds to the millisecond, so 23:59:59.9997 would become
    the next day; the buckets cut the fraction off first."""
    make_shop(database)
    with database.writer() as uow:
        shop = ShopRepository(uow.session).shop()
        assert shop is not None
        shop.timezone = "Europe/Warsaw"
        uow.commit()
    card = CartLine(add_product(database, "C1", "Card", 250, rate_bp=0), "C1", "Card", 250, 1, 0)
    late = datetime(2026, 11, 2, 22, 59, 59, 999_600, tzinfo=UTC)  # 23:59:59.9996 in Warsaw
    with shift_at(database, late, tick=timedelta(microseconds=50)) as day:
        sold = day.sell(Cart().add(card), Tender("cash", 2_50))
    assert late < sold.completed_at < late.replace(microsecond=999_999)
    period = Period(date(2026, 11, 2), date(2026, 11, 3))
    calendar = SalesCalendar(period, WARSAW)
    with database.reader() as uow:
        calendar.add_all(sales_queries.buckets(uow.session, period.utc_bounds(WARSAW), None))
    assert [(day.day, day.sales_count) for day in calendar.days()] == [
        (date(2026, 11, 2), 1), (date(2026, 11, 3), 0)
    ]
