"""The customers report: who came (new, returning, unknown), the best customers, how
monthly cohorts keep coming back, who has lapsed or was won back, and next month's
birthdays."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from pos.domain.periods import Period
from pos.domain.report_figures import (
    BirthdayFigure,
    CohortCell,
    CustomerFigure,
    CustomerGroup,
    ShopProfile,
)
from pos.reports.document import (
    Amount,
    Cell,
    Column,
    HeatMap,
    KeyFigures,
    ReportDocument,
    Section,
    Share,
    Table,
    Text,
)
from pos.reports.formatting import Formatter
from pos.reports.sales_report import scope

GROUP_NAMES = (("new", "New customers"), ("returning", "Returning customers"),
               ("walk_in", "Sales without a customer"))
LEAP_YEAR = 2000
"""Birthdays are shown without a year; 29 February needs a leap year to be a date."""


@dataclass(frozen=True, slots=True)
class LapsedCustomer:
    customer: CustomerFigure
    """Visits, spend and last visit to date."""
    usual_gap_days: int


@dataclass(frozen=True)
class CustomerFigures:
    period: Period
    register_code: str | None
    groups: Mapping[str, CustomerGroup]
    top: Sequence[CustomerFigure]
    cohort_months: Sequence[date]
    """The months the cohorts start in (the period's last twelve at most)."""
    cohorts: Sequence[CohortCell]
    lapsed_as_of: datetime
    lapse_factor: float
    lapse_min_visits: int
    lapsed_count: int
    lapsed: Sequence[LapsedCustomer]
    """The lapsed customers who spent most, at most a page or two of them."""
    won_back: int
    birthday_month: date
    birthdays: Sequence[BirthdayFigure]


def customers_report(
    figures: CustomerFigures, *, shop: ShopProfile, printed_at: datetime
) -> ReportDocument:
    formatter = Formatter(shop)
    return ReportDocument(
        "Customers report", scope(formatter, figures.period, figures.register_code), shop,
        printed_at,
        (
            _who_came(figures.groups),
            _top(figures.top, formatter),
            _cohorts(figures, formatter),
            _lapsed(figures, formatter),
            _birthdays(figures, formatter),
        ),
    )


def _who_came(groups: Mapping[str, CustomerGroup]) -> Section:
    none = CustomerGroup(0, 0, 0)
    new, returning = groups.get("new", none), groups.get("returning", none)
    whole = sum(group.spend_minor for group in groups.values())
    if not any(group.visits for group in groups.values()):
        return Section("Who came", (Text("No sales in this period.", "notice"),))
    known = new.spend_minor + returning.spend_minor
    key = KeyFigures((
        ("Customers who bought", new.customers + returning.customers),
        ("New", new.customers),
        ("Returning", returning.customers),
        ("Share of takings to known customers", Share(known, whole)),
    ))
    columns = (Column("", 2), Column("Customers", 1, numeric=True),
               Column("Visits", 1, numeric=True), Column("Spend", 1.3, numeric=True),
               Column("Share of takings", 1.1, numeric=True))
    rows: list[list[Cell]] = []
    for key_name, label in GROUP_NAMES:
        group = groups.get(key_name, none)
        customers: Cell = group.customers if key_name != "walk_in" else None
        rows.append([label, customers, group.visits, Amount(group.spend_minor),
                     Share(group.spend_minor, whole)])
    total: list[Cell] = ["Total", new.customers + returning.customers,
                         sum(group.visits for group in groups.values()), Amount(whole), None]
    note = Text("New: first sale ever in this period. Visits count sales; spend is net of "
                "returns.", "note")
    return Section("Who came", (key, Table(columns, rows, total), note))


def _last_day(customer: CustomerFigure, formatter: Formatter) -> Cell:
    return None if customer.last_visit is None else formatter.local(customer.last_visit).date()


def _top(top: Sequence[CustomerFigure], formatter: Formatter) -> Section:
    columns = (Column("Customer", 2.6), Column("Code", 1), Column("Visits", 0.8, numeric=True),
               Column("Spend", 1.2, numeric=True), Column("Last visit", 1.4))
    rows: list[list[Cell]] = [
        [c.name, c.code, c.visits, Amount(c.spend_minor), _last_day(c, formatter)] for c in top
    ]
    return Section("Top customers", (Table(columns, rows, empty="No known customers bought."),))


def _cohorts(figures: CustomerFigures, formatter: Formatter) -> Section:
    counts = {(cell.cohort, cell.age): cell.customers for cell in figures.cohorts}
    months = len(figures.cohort_months)
    rows, labels = [], []
    for cohort, first_day in enumerate(figures.cohort_months):
        size = counts.get((cohort, 0), 0)
        if size == 0:
            continue
        labels.append(f"{formatter.short_month(first_day)} ({size})")
        rows.append([Share(counts.get((cohort, age), 0), size) if cohort + age < months
                     else None for age in range(months)])
    if not rows:
        return Section("Retention by monthly cohort",
                       (Text("No new customers in this period.", "note"),))
    heat = HeatMap("Share of each month's new customers who bought again n months later",
                   labels, [f"+{age}" for age in range(months)], rows)
    note = Text("Each row is the customers whose first sale was in that month (how many, in "
                "brackets); +1 is the month after, and so on.", "note")
    return Section("Retention by monthly cohort", (heat, note))


def _lapsed(figures: CustomerFigures, formatter: Formatter) -> Section:
    summary = Text(
        f"{figures.lapsed_count} customers with {figures.lapse_min_visits} or more visits had "
        f"not come back for more than {figures.lapse_factor:g} times their usual gap between "
        f"visits by "
        f"{formatter.day(formatter.local(figures.lapsed_as_of).date())}. "
        f"{figures.won_back} customers who had lapsed came back in this period (won back)."
    )
    columns = (Column("Customer", 2.4), Column("Code", 1), Column("Visits", 0.8, numeric=True),
               Column("Usual gap (days)", 1, numeric=True), Column("Last visit", 1.3),
               Column("Spend to date", 1.2, numeric=True))
    rows: list[list[Cell]] = [
        [lapsed.customer.name, lapsed.customer.code, lapsed.customer.visits,
         lapsed.usual_gap_days, _last_day(lapsed.customer, formatter),
         Amount(lapsed.customer.spend_minor)]
        for lapsed in figures.lapsed
    ]
    title = ("Lapsed customers who spent most"
             if figures.lapsed_count > len(figures.lapsed) else "Lapsed customers")
    return Section("Lapsed and won back", (summary, Table(columns, rows, title=title,
                                                          empty="Nobody has lapsed.")))


def _birthdays(figures: CustomerFigures, formatter: Formatter) -> Section:
    year = figures.birthday_month.year
    columns = (Column("Customer", 2.6), Column("Code", 1), Column("Birthday", 1.4),
               Column("Turns", 0.8, numeric=True))
    rows: list[list[Cell]] = [
        [b.name, b.code, formatter.day_of_month(date(LEAP_YEAR, b.month, b.day)),
         None if b.year is None else year - b.year]
        for b in figures.birthdays
    ]
    heading = f"Birthdays in {formatter.month(figures.birthday_month)}"
    return Section(heading, (Table(columns, rows, empty="No birthdays next month."),))
