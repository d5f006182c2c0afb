"""The tax report: taxable amount and tax per rate over a period, checked against the
Z reports of the period's shifts (they must agree to the minor unit)."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from pos.domain.periods import Period
from pos.domain.report_figures import ShiftTaxes, ShopProfile
from pos.domain.tax import TaxLine
from pos.reports.document import (
    Amount,
    Block,
    Cell,
    Column,
    Rate,
    ReportDocument,
    Section,
    Table,
    Text,
)
from pos.reports.formatting import Formatter
from pos.reports.sales_report import scope
from pos.reports.tables import tax_table


@dataclass(frozen=True)
class TaxFigures:
    period: Period
    register_code: str | None
    taxes: tuple[TaxLine, ...]
    """Every line of every sale and return in the period, per rate."""
    shifts: Sequence[ShiftTaxes]
    """The shifts opened in the period, each as its Z report has it."""

    def shift_tax_per_rate(self) -> dict[int, int]:
        totals: dict[int, int] = {}
        for shift in self.shifts:
            for line in shift.taxes:
                totals[line.rate_bp] = totals.get(line.rate_bp, 0) + line.tax_minor
        return totals

    @property
    def agrees(self) -> bool:
        period = {line.rate_bp: line.tax_minor for line in self.taxes if line.tax_minor}
        shifts = {rate: tax for rate, tax in self.shift_tax_per_rate().items() if tax}
        gross = sum(line.gross_minor for line in self.taxes)
        return period == shifts and gross == sum(shift.gross_minor for shift in self.shifts)


def tax_report(figures: TaxFigures, *, shop: ShopProfile, printed_at: datetime) -> ReportDocument:
    formatter = Formatter(shop)
    basis = ("Prices include tax: the taxable amount is the price less its tax."
             if shop.prices_include_tax else "Prices exclude tax: tax was added at the till.")
    blocks: list[Block] = [tax_table(figures.taxes), Text(basis, "note")]
    if not figures.taxes:
        blocks = [Text("No sales in this period, so no tax.", "notice")]
    sections = [Section("Tax per rate", tuple(blocks))]
    if figures.taxes or figures.shifts:
        sections.append(_check(figures))
    return ReportDocument("Tax report", scope(formatter, figures.period, figures.register_code),
                          shop, printed_at, tuple(sections))


def _check(figures: TaxFigures) -> Section:
    by_shift = figures.shift_tax_per_rate()
    period = {line.rate_bp: line.tax_minor for line in figures.taxes}
    rates = sorted(set(period) | set(by_shift))
    columns = (Column("Rate", 1), Column("This report", 1.3, numeric=True),
               Column("Z reports", 1.3, numeric=True), Column("Difference", 1.2, numeric=True))
    rows: list[list[Cell]] = [
        [Rate(rate), Amount(period.get(rate, 0)), Amount(by_shift.get(rate, 0)),
         Amount(period.get(rate, 0) - by_shift.get(rate, 0))]
        for rate in rates
    ]
    verdict = (
        Text("The Z reports of the shifts opened in this period add up to the same tax per "
             "rate and the same takings.")
        if figures.agrees else
        Text("The Z reports differ from this report: a shift ran across the start or end of "
             "the period, or sales were recorded outside a shift. Choose whole days around "
             "the shifts to compare.", "notice")
    )
    shifts: list[list[Cell]] = [
        [str(shift.shift_id), shift.register_code, shift.opened_at,
         Amount(shift.gross_minor), Amount(shift.tax_minor)]
        for shift in figures.shifts
    ]
    total: list[Cell] = ["Total", None, None,
                         Amount(sum(shift.gross_minor for shift in figures.shifts)),
                         Amount(sum(shift.tax_minor for shift in figures.shifts))]
    shift_columns = (Column("Z (shift)", 0.8), Column("Register", 0.8), Column("Opened", 1.6),
                     Column("Gross", 1.2, numeric=True), Column("Tax", 1.2, numeric=True))
    return Section("Check against the Z reports", (
        Table(columns, rows, title="Tax per rate"),
        verdict,
        Table(shift_columns, shifts, total, title="Z reports in this period",
              empty="No shift was opened in this period."),
    ))
