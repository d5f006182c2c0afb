"""The figures of a shift: the X report (where it stands) and the Z report (its close).

Plain values, computed by `pos.services.shifts` and printed by the till, the PDF
reports and the thermal printer alike.
"""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class TenderTotal:
    """One tender method over a shift: taken on sales, paid back on returns (both >= 0)."""

    method: str
    taken_minor: int
    refunded_minor: int

    @property
    def net_minor(self) -> int:
        return self.taken_minor - self.refunded_minor


@dataclass(frozen=True, slots=True)
class ShiftReport:
    """The X report: where a shift stands. Amounts are minor units, all >= 0 but the
    expected cash (which a large cash-out could make negative)."""

    shift_id: int
    register_code: str
    opened_at: datetime
    opened_by_id: int
    opened_by_name: str
    opening_float_minor: int
    sales_count: int
    sales_total_minor: int
    returns_count: int
    returns_total_minor: int
    """What the returns paid back (positive)."""
    tenders: tuple[TenderTotal, ...]
    """Every tender method, in the till's order, including those not used."""
    cash_sales_minor: int
    """Cash kept from sales: what was handed over less the change given."""
    cash_refunds_minor: int
    cash_in_minor: int
    cash_out_minor: int
    no_sale_count: int
    expected_cash_minor: int

    @property
    def net_minor(self) -> int:
        """Sales less what returns paid back: the shift's takings."""
        return self.sales_total_minor - self.returns_total_minor


@dataclass(frozen=True, slots=True)
class ZReport:
    """The shift's final report: the X report at close plus the counted drawer."""

    report: ShiftReport
    closed_at: datetime
    closed_by_id: int
    counts: tuple[tuple[int, int], ...]
    """(denomination, how many) as counted, largest denomination first."""
    counted_cash_minor: int
    discrepancy_minor: int
    """Counted minus expected: positive is over, negative is short."""

    @property
    def expected_cash_minor(self) -> int:
        return self.report.expected_cash_minor
