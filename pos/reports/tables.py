"""Tables more than one report shows: tax per rate, labelled amounts, ranked items."""

from collections.abc import Sequence

from pos.domain.report_figures import Ranked
from pos.domain.tax import TaxLine
from pos.reports.document import Amount, Cell, Column, Rate, Share, Table


def tax_table(taxes: Sequence[TaxLine], *, title: str = "") -> Table:
    """Net, tax and gross per rate, with their totals."""
    columns = (Column("Rate", 1.2), Column("Taxable (net)", 1.4, numeric=True),
               Column("Tax", 1.2, numeric=True), Column("Gross", 1.4, numeric=True))
    rows: list[list[Cell]] = [
        [Rate(line.rate_bp), Amount(line.net_minor), Amount(line.tax_minor),
         Amount(line.gross_minor)]
        for line in taxes
    ]
    total: list[Cell] = [
        "Total", Amount(sum(line.net_minor for line in taxes)),
        Amount(sum(line.tax_minor for line in taxes)),
        Amount(sum(line.gross_minor for line in taxes)),
    ]
    return Table(columns, rows, total, title=title, empty="No sales, so no tax.")


def amount_table(rows: Sequence[tuple[str, int]], *, title: str = "") -> Table:
    """Labelled amounts, one per row."""
    columns = (Column("", 2.6), Column("Amount", 1.4, numeric=True))
    return Table(columns, [[label, Amount(minor)] for label, minor in rows], title=title)


def ranked_table(
    items: Sequence[Ranked], *, name: str, quantity: str, whole_minor: int, title: str = ""
) -> Table:
    """Items with a quantity, their takings and their share of `whole_minor`."""
    columns = (Column(name, 3.2), Column(quantity, 0.9, numeric=True),
               Column("Takings", 1.2, numeric=True), Column("Share", 0.8, numeric=True))
    rows: list[list[Cell]] = [
        [item.name, item.quantity, Amount(item.total_minor), Share(item.total_minor, whole_minor)]
        for item in items
    ]
    return Table(columns, rows, title=title)
