"""The cash drawer: counting it by denomination, and what should be in it at shift close."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from pos.domain.errors import UserError
from pos.domain.money import format_minor

DENOMINATIONS_GBP: tuple[int, ...] = (5000, 2000, 1000, 500, 200, 100, 50, 20, 10, 5, 2, 1)


def count_cash(counts: Mapping[int, int], denominations: Sequence[int] = DENOMINATIONS_GBP) -> int:
    """The value of a drawer counted as `{denomination: how many}`, in minor units."""
    for denomination, count in counts.items():
        if denomination not in denominations:
            raise UserError(
                f"{format_minor(denomination)} is not a note or coin of this currency; "
                "count only the notes and coins listed"
            )
        if count < 0:
            raise UserError(
                f"the count of {format_minor(denomination)} cannot be negative; enter 0 or more"
            )
    return sum(denomination * count for denomination, count in counts.items())


@dataclass(frozen=True, slots=True)
class CashUp:
    """The cash movements of a shift, all in minor units and all 0 or more."""

    opening_float: int
    cash_sales: int
    cash_refunds: int
    cash_in: int
    cash_out: int

    def __post_init__(self) -> None:
        if (
            min(self.opening_float, self.cash_sales, self.cash_refunds, self.cash_in, self.cash_out)
            < 0
        ):
            raise ValueError(f"cash movements are 0 or more: {self}")

    @property
    def expected_minor(self) -> int:
        """What the drawer should hold at close."""
        return (
            self.opening_float + self.cash_sales - self.cash_refunds + self.cash_in - self.cash_out
        )

    def discrepancy(self, counted_minor: int) -> int:
        """Counted minus expected: positive is over, negative is short."""
        return counted_minor - self.expected_minor
