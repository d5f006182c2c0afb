"""The stock report. The till keeps no stock levels yet, so the report says so plainly
and lists what it can: the products that did not sell in the period."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from pos.domain.periods import Period
from pos.domain.report_figures import ShopProfile
from pos.reports.document import (
    Block,
    Cell,
    Column,
    KeyFigures,
    ReportDocument,
    Section,
    Table,
    Text,
)
from pos.reports.formatting import Formatter
from pos.reports.sales_report import scope

NO_STOCK_KEPT = (
    "Stock levels are not kept yet: the till does not record quantities on hand, so there "
    "is no low-stock list. Low stock will appear here once stock keeping is switched on."
)


@dataclass(frozen=True)
class StockFigures:
    period: Period
    active_products: int
    inactive_products: int
    unsold_count: int
    unsold: Sequence[tuple[str, str]]
    """(code, name) of the first unsold active products, by name."""


def stock_report(
    figures: StockFigures, *, shop: ShopProfile, printed_at: datetime
) -> ReportDocument:
    formatter = Formatter(shop)
    key = KeyFigures((
        ("Products on sale", figures.active_products),
        ("No longer sold", figures.inactive_products),
        ("Not sold in this period", figures.unsold_count),
    ))
    rows: list[list[Cell]] = [[code, name] for code, name in figures.unsold]
    listed = Table((Column("Code", 1), Column("Product", 4)), rows,
                   title="Products on sale that did not sell in this period",
                   empty="Every product on sale sold at least once.")
    blocks: list[Block] = [Text(NO_STOCK_KEPT, "notice"), key, listed]
    if figures.unsold_count > len(figures.unsold):
        more = figures.unsold_count - len(figures.unsold)
        blocks.append(Text(f"The first {len(figures.unsold)} by name, and {more} more.", "note"))
    return ReportDocument("Stock report", scope(formatter, figures.period, None), shop,
                          printed_at, (Section("Stock", tuple(blocks)),))
