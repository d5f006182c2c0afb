"""Returns against a receipt: how much of each line can still come back, and what it refunds.

A line's total (after every discount) and its tax are shared over its units by the
largest-remainder method, and each return refunds the next units' shares, so however
the units come back, in one return or many, the refunds add up to exactly what was paid.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from pos.domain.allocation import allocate
from pos.domain.errors import UserError


@dataclass(frozen=True, slots=True)
class ReturnableLine:
    """A sold line as it stands for returns: what it cost and how much is already back.

    `line_total_minor` is what the whole line cost after every discount (and
    `line_tax_minor` the tax in it); the per-unit price is derived from it, so a line
    that does not divide evenly still refunds exactly its total.
    """

    line_no: int
    product_id: int | None
    name: str
    quantity_sold: int
    quantity_returned: int
    line_total_minor: int
    line_tax_minor: int = 0

    def __post_init__(self) -> None:
        if self.quantity_sold < 1 or not 0 <= self.quantity_returned <= self.quantity_sold:
            raise ValueError(
                f"line {self.line_no}: returned {self.quantity_returned} of {self.quantity_sold}"
            )
        if self.line_total_minor < 0 or self.line_tax_minor < 0:
            raise ValueError(f"line {self.line_no}: a sold line's total and tax are 0 or more")

    @property
    def quantity_returnable(self) -> int:
        """Units not yet returned."""
        return self.quantity_sold - self.quantity_returned

    @property
    def unit_paid_minor(self) -> int:
        """What one unit cost after discounts, rounded down.

        When the total does not divide evenly, the first `line_total % quantity_sold`
        units returned refund one minor unit more, so all of them refund the total.
        """
        return self.line_total_minor // self.quantity_sold

    def refund_for(self, quantity: int) -> tuple[int, int]:
        """The refund and the tax in it for the next `quantity` units returned."""
        units = slice(self.quantity_returned, self.quantity_returned + quantity)
        per_unit = [1] * self.quantity_sold
        refund = sum(allocate(self.line_total_minor, per_unit)[units])
        tax = sum(allocate(self.line_tax_minor, per_unit)[units])
        return refund, tax


@dataclass(frozen=True, slots=True)
class ReturnLine:
    """One line of a return: `refund_minor` includes `tax_minor` when prices include tax."""

    line_no: int
    product_id: int | None
    name: str
    quantity: int
    refund_minor: int
    tax_minor: int


def plan_return(
    lines: Iterable[ReturnableLine], requested: Mapping[int, int]
) -> tuple[ReturnLine, ...]:
    """What returning `requested` (line number -> quantity) refunds, in line order.

    Refuses an empty request, a line not on the receipt, a quantity below 1, and more
    than can still be returned of a line.
    """
    if not requested:
        raise UserError("choose at least one item to return")
    by_number = {line.line_no: line for line in lines}
    planned = []
    for line_no, quantity in sorted(requested.items()):
        line = by_number.get(line_no)
        if line is None:
            raise UserError(f"line {line_no} is not on this receipt; choose a line from it")
        _check_returnable(line, quantity)
        refund, tax = line.refund_for(quantity)
        planned.append(ReturnLine(line_no, line.product_id, line.name, quantity, refund, tax))
    return tuple(planned)


def _check_returnable(line: ReturnableLine, quantity: int) -> None:
    if quantity < 1:
        raise UserError(f"the quantity of {line.name} to return must be at least 1")
    if line.quantity_returnable == 0:
        raise UserError(f"all {line.quantity_sold} of {line.name} have already been returned")
    if quantity > line.quantity_returnable:
        raise UserError(
            f"only {line.quantity_returnable} of {line.name} can still be returned, not {quantity}"
        )
