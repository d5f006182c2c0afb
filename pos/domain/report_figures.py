"""The figures owner reports are made of: plain values read by `pos.db.report_queries`,
gathered by `pos.services.reports` and laid out by `pos.reports`.

Money is in minor units; returns are negative, as stored; times are aware UTC.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from pos.domain.basis_points import share_half_up
from pos.domain.tax import TaxLine

ReportKind = Literal["z", "x", "sales", "tax", "customers", "service", "stock"]
REPORT_KINDS: tuple[ReportKind, ...] = get_args(ReportKind)


@dataclass(frozen=True, slots=True)
class ShopProfile:
    """Who the report is for, and how its money, dates and days are written."""

    name: str
    address: str
    vat_number: str
    currency: str
    locale: str
    timezone: str
    prices_include_tax: bool


@dataclass(frozen=True, slots=True)
class Totals:
    """Sales and returns over a period or a shift."""

    sales_count: int = 0
    sales_minor: int = 0
    returns_count: int = 0
    returns_minor: int = 0
    """What returns paid back, negative as stored."""
    discount_minor: int = 0
    """Discounts given on sales."""
    tax_minor: int = 0
    """Tax on sales less tax paid back on returns."""

    @property
    def net_minor(self) -> int:
        """Takings: sales less returns (the sum of every document's total)."""
        return self.sales_minor + self.returns_minor

    @property
    def average_sale_minor(self) -> int:
        return share_half_up(self.sales_minor, 1, self.sales_count) if self.sales_count else 0


@dataclass(frozen=True, slots=True)
class Ranked:
    """A product, category or cashier with what it sold (net of returns)."""

    name: str
    quantity: int
    total_minor: int


@dataclass(frozen=True, slots=True)
class ShiftExtras:
    """What a Z report shows beyond the shift's cash-up figures."""

    discount_minor: int
    taxes: tuple[TaxLine, ...]
    first_receipt: str | None
    last_receipt: str | None
    voided_lines: int
    voided_minor: int
    closed_by_name: str | None


@dataclass(frozen=True, slots=True)
class ShiftTaxes:
    """One shift's tax per rate, as its Z report shows it (for the tax report's check)."""

    shift_id: int
    register_code: str
    opened_at: datetime
    taxes: tuple[TaxLine, ...]

    @property
    def gross_minor(self) -> int:
        return sum(line.gross_minor for line in self.taxes)

    @property
    def tax_minor(self) -> int:
        return sum(line.tax_minor for line in self.taxes)


@dataclass(frozen=True, slots=True)
class CustomerGroup:
    """Customers of one kind in a period (new, returning, or sales without a customer)."""

    customers: int
    visits: int
    spend_minor: int


@dataclass(frozen=True, slots=True)
class CustomerFigure:
    """A customer with their visits and spend (in the period, or all time for the lapsed)."""

    name: str
    code: str
    visits: int
    spend_minor: int
    last_visit: datetime | None


@dataclass(frozen=True, slots=True)
class CohortCell:
    """Customers first seen in month `cohort` who came again `age` months later."""

    cohort: int
    age: int
    customers: int


@dataclass(frozen=True, slots=True)
class BirthdayFigure:
    name: str
    code: str
    day: int
    month: int
    year: int | None
