"""The sales report: takings per day, week and month against the previous period, the
busiest hours, the best and worst products, categories and cashiers."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from pos.domain.periods import Period
from pos.domain.report_figures import Ranked, ShopProfile, Totals
from pos.domain.sales_calendar import DayFigures, SalesCalendar
from pos.reports.document import (
    Amount,
    BarChart,
    Block,
    Cell,
    Change,
    Column,
    HeatMap,
    KeyFigures,
    Month,
    ReportDocument,
    Section,
    Share,
    Table,
    Text,
)
from pos.reports.formatting import Formatter
from pos.reports.tables import ranked_table

DAILY_CHART_DAYS = 62
WEEKLY_CHART_DAYS = 400


@dataclass(frozen=True)
class SalesFigures:
    period: Period
    previous: Period
    register_code: str | None
    totals: Totals
    previous_totals: Totals
    calendar: SalesCalendar
    best: Sequence[Ranked]
    worst: Sequence[Ranked]
    products_sold: int
    categories: Sequence[Ranked]
    cashiers: Sequence[Ranked]


def scope(formatter: Formatter, period: Period, register_code: str | None) -> str:
    """What a period report covers: its days, and the register if only one."""
    where = "all registers" if register_code is None else f"register {register_code}"
    return f"{formatter.period(period)} · {where}"


def sales_report(
    figures: SalesFigures, *, shop: ShopProfile, printed_at: datetime
) -> ReportDocument:
    formatter = Formatter(shop)
    totals = figures.totals
    if totals.sales_count + totals.returns_count == 0:
        sections: tuple[Section, ...] = (
            Section("", (Text("No sales in this period.", "notice"),)),
        )
    else:
        days = figures.calendar.days()
        sections = (
            _summary(figures, formatter),
            _over_time(figures, formatter),
            _hours(figures.calendar, formatter),
            _products(figures),
            _categories(figures),
            _cashiers(figures),
            Section("Takings per day", (_period_table(days, "Day", totals.net_minor),),
                    new_page=True),
        )
    return ReportDocument("Sales report", scope(formatter, figures.period, figures.register_code),
                          shop, printed_at, sections)


def _summary(figures: SalesFigures, formatter: Formatter) -> Section:
    now, before = figures.totals, figures.previous_totals
    measures = (  # label, this period, the previous one, whether money
        ("Net takings", now.net_minor, before.net_minor, True),
        ("Sales", now.sales_count, before.sales_count, False),
        ("Average sale", now.average_sale_minor, before.average_sale_minor, True),
        ("Returns paid back", -now.returns_minor, -before.returns_minor, True),
        ("Discounts given", now.discount_minor, before.discount_minor, True),
        ("Tax", now.tax_minor, before.tax_minor, True),
    )
    key = KeyFigures(tuple((label, _cell(this, money)) for label, this, _, money in measures))
    columns = (Column("", 1.6), Column("This period", 1.3, numeric=True),
               Column("Previous period", 1.3, numeric=True), Column("Change", 1, numeric=True))
    comparison = Table(
        columns,
        [[label, _cell(this, money), _cell(that, money), Change(this, that)]
         for label, this, that, money in measures],
        title=f"Compared with the previous period ({formatter.period(figures.previous)})",
    )
    return Section("Summary", (key, comparison))


def _cell(value: int, money: bool) -> Cell:
    return Amount(value) if money else value


def _over_time(figures: SalesFigures, formatter: Formatter) -> Section:
    calendar, whole = figures.calendar, figures.totals.net_minor
    weeks = calendar.weeks(formatter.first_weekday)
    months = calendar.months()
    if figures.period.days <= DAILY_CHART_DAYS:
        chart = BarChart("Net takings per day", [formatter.short_date(d.day)
                                                 for d in calendar.days()],
                         [d.net_minor for d in calendar.days()])
    elif figures.period.days <= WEEKLY_CHART_DAYS:
        chart = BarChart("Net takings per week", [formatter.short_date(w.day) for w in weeks],
                         [w.net_minor for w in weeks])
    else:
        chart = BarChart("Net takings per month", [formatter.short_month(m.day) for m in months],
                         [m.net_minor for m in months])
    blocks: list[Block] = [chart, _period_table(months, "Month", whole)]
    if figures.period.days > 7:
        blocks.append(_period_table(weeks, "Week starting", whole))
    return Section("Takings over time", tuple(blocks))


def _period_table(rows: Sequence[DayFigures], label: str, whole_minor: int) -> Table:
    columns = (Column(label, 1.8), Column("Sales", 1, numeric=True),
               Column("Net takings", 1.4, numeric=True), Column("Share", 1, numeric=True))
    month = label == "Month"
    cells: list[list[Cell]] = [
        [Month(row.day) if month else row.day, row.sales_count, Amount(row.net_minor),
         Share(row.net_minor, whole_minor)]
        for row in rows
    ]
    total: list[Cell] = ["Total", sum(row.sales_count for row in rows),
                         Amount(sum(row.net_minor for row in rows)), None]
    return Table(columns, cells, total, title=f"Per {label.split()[0].lower()}")


def _hours(calendar: SalesCalendar, formatter: Formatter) -> Section:
    grid = calendar.hours()
    used = [hour for hour in range(24) if any(row[hour] for row in grid)]
    if not used:
        return Section("Busiest hours", (Text("No sales in this period.", "note"),))
    hours = range(used[0], used[-1] + 1)
    heat = HeatMap(
        "Sales started in each hour (shop time)",
        formatter.weekday_names(),
        [f"{hour:02d}" for hour in hours],
        [[row[hour] for hour in hours] for row in grid],
    )
    return Section("Busiest hours", (heat,))


def _products(figures: SalesFigures) -> Section:
    whole = figures.totals.net_minor
    return Section("Products", (
        Text(f"{figures.products_sold} different products sold in this period "
             "(takings net of returns)."),
        ranked_table(figures.best, name="Best sellers", quantity="Sold", whole_minor=whole),
        ranked_table(figures.worst, name="Slowest sellers (of those sold)", quantity="Sold",
                     whole_minor=whole),
    ))


def _categories(figures: SalesFigures) -> Section:
    chart = BarChart("Net takings per category", [item.name for item in figures.categories],
                     [item.total_minor for item in figures.categories])
    table = ranked_table(figures.categories, name="Category", quantity="Sold",
                         whole_minor=figures.totals.net_minor)
    return Section("Categories", (chart, table))


def _cashiers(figures: SalesFigures) -> Section:
    table = ranked_table(figures.cashiers, name="Cashier", quantity="Sales",
                         whole_minor=figures.totals.net_minor)
    return Section("Cashiers", (table,))
