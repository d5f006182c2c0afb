"""The sale being rung up: lines, discounts, price overrides and voids, as immutable values.

Every operation returns a new `Cart`; an operation a cashier cannot do raises `UserError`
and leaves the old cart as it was. Indexes are 0-based; messages number lines from 1.
"""

from dataclasses import dataclass, replace
from typing import Literal

from pos.domain.basis_points import BP_WHOLE, format_bp, percent_of
from pos.domain.errors import UserError
from pos.domain.gifts import GiftMark

MAX_QUANTITY = 9_999

DiscountKind = Literal["amount", "percent"]


def check_quantity(quantity: int) -> None:
    """Refuse a quantity a till should never ring up (0, negative, a slip of the finger)."""
    if not 1 <= quantity <= MAX_QUANTITY:
        raise UserError(f"quantity must be between 1 and {MAX_QUANTITY:,}")


def check_limit_bp(limit_bp: int) -> None:
    """A cashier's discount limit is a percentage from 0 to 100 %."""
    if not 0 <= limit_bp <= BP_WHOLE:
        raise ValueError(f"a discount limit is 0..{BP_WHOLE} basis points, not {limit_bp}")


@dataclass(frozen=True, slots=True)
class Discount:
    """Money off: `value` minor units ("amount") or basis points ("percent")."""

    kind: DiscountKind
    value: int

    def __post_init__(self) -> None:
        if self.kind not in ("amount", "percent"):
            raise ValueError(f"a discount is 'amount' or 'percent', not {self.kind!r}")
        if self.value < 0:
            raise UserError("a discount cannot be negative; enter 0 or more")
        if self.kind == "percent" and self.value > BP_WHOLE:
            raise UserError("a discount cannot be more than 100 %")

    def amount_off(self, base_minor: int) -> int:
        """What this discount takes off `base_minor` (percentages rounded half up)."""
        if self.kind == "percent":
            return percent_of(base_minor, self.value)
        return self.value

    def check_fits(self, base_minor: int, what: str) -> None:
        """Refuse a discount that would make the `what` ("line", "sale") cost less than 0."""
        if self.amount_off(base_minor) > base_minor:
            raise UserError(
                f"a discount cannot be more than the {what} amount; enter a smaller discount"
            )

    def check_within_limit(self, base_minor: int, limit_bp: int, what: str) -> None:
        """Refuse a discount worth more than `limit_bp` of `base_minor` (the cashier's limit)."""
        check_limit_bp(limit_bp)
        if self.kind == "percent":
            over = self.value > limit_bp
        else:
            over = self.value * BP_WHOLE > limit_bp * base_minor
        if over:
            raise UserError(
                f"your discount limit is {format_bp(limit_bp)} of the {what}; "
                "ask a supervisor to give a bigger discount"
            )


@dataclass(frozen=True, slots=True)
class CartLine:
    """One line of the sale.

    Weighed and price-embedded items carry their whole price in `line_price_minor`
    (and weighed ones their `weight_grams`); such a line always has quantity 1, and its
    `unit_price_minor` is informational (the price per kg of a weighed item).
    """

    product_id: int | None
    code: str
    name: str
    unit_price_minor: int
    quantity: int
    tax_rate_bp: int
    discount: Discount | None = None
    price_overridden: bool = False
    weight_grams: int | None = None
    line_price_minor: int | None = None
    gift: GiftMark | None = None
    """Who this line is a present for (None: not a gift, or the whole sale's mark)."""

    def __post_init__(self) -> None:
        check_quantity(self.quantity)
        if self.unit_price_minor < 0 or (self.line_price_minor or 0) < 0:
            raise UserError("a price cannot be negative; enter 0 or more")
        if self.tax_rate_bp < 0:
            raise UserError("a tax rate cannot be negative; check the product's tax rate")
        if self.weight_grams is not None:
            if self.line_price_minor is None:
                raise ValueError("a weighed line needs its computed line_price_minor")
            if self.weight_grams <= 0:
                raise UserError("a weight must be more than 0 g; weigh the item again")
        if self.priced_as_whole and self.quantity != 1:
            raise UserError(
                "a weighed or price-marked item is one line of quantity 1; scan it again for more"
            )
        if self.discount is not None:
            self.discount.check_fits(self.gross_minor, "line")

    @property
    def priced_as_whole(self) -> bool:
        """True for weighed and price-embedded items: the line has one price, not a unit price."""
        return self.line_price_minor is not None

    @property
    def gross_minor(self) -> int:
        """The line's price before any discount."""
        if self.line_price_minor is not None:
            return self.line_price_minor
        return self.unit_price_minor * self.quantity

    @property
    def discount_minor(self) -> int:
        """What the line's own discount takes off (not the share of a sale discount)."""
        return self.discount.amount_off(self.gross_minor) if self.discount else 0

    @property
    def discounted_minor(self) -> int:
        """The line's price after its own discount."""
        return self.gross_minor - self.discount_minor

    @property
    def is_plain(self) -> bool:
        """A catalogue item at its catalogue price: another scan of it just adds quantity."""
        return (
            self.product_id is not None
            and self.discount is None
            and not self.price_overridden
            and self.weight_grams is None
            and not self.priced_as_whole
            and self.gift is None
        )

    def merges_with(self, other: "CartLine") -> bool:
        """True when `other` is one more of this same plain item at the same price and rate."""
        return (
            self.is_plain
            and other.is_plain
            and (self.product_id, self.unit_price_minor, self.tax_rate_bp)
            == (other.product_id, other.unit_price_minor, other.tax_rate_bp)
        )


@dataclass(frozen=True, slots=True)
class VoidedLine:
    """A line taken off the sale, kept with the cashier's reason for the audit."""

    line: CartLine
    reason: str


@dataclass(frozen=True, slots=True)
class Cart:
    """The lines of the sale, a discount on the whole sale, the lines voided from it, and
    a gift mark on the whole sale (lines carry their own)."""

    lines: tuple[CartLine, ...] = ()
    sale_discount: Discount | None = None
    voided: tuple[VoidedLine, ...] = ()
    gift: GiftMark | None = None
    quotation_id: int | None = None
    """The quotation this cart was taken back from: the sale converts it (kept when parked)."""

    def __post_init__(self) -> None:
        if (
            self.sale_discount is not None
            and self.sale_discount.amount_off(self.discounted_subtotal_minor)
            > self.discounted_subtotal_minor
        ):
            raise UserError(
                "the sale discount would be more than the sale; "
                "lower or remove the sale discount first"
            )

    @property
    def discounted_subtotal_minor(self) -> int:
        """The sum of the lines after their own discounts: what a sale discount applies to."""
        return sum(line.discounted_minor for line in self.lines)

    @property
    def gifts(self) -> tuple[tuple[int | None, GiftMark], ...]:
        """Every gift mark with the line it is on (numbered from 1; None: the whole sale)."""
        marks: list[tuple[int | None, GiftMark]] = [] if self.gift is None else [(None, self.gift)]
        marks.extend(
            (number, line.gift)
            for number, line in enumerate(self.lines, 1)
            if line.gift is not None
        )
        return tuple(marks)

    def mark_gift(self, index: int | None, mark: GiftMark | None) -> "Cart":
        """The cart with line `index` (None: the whole sale) marked as a gift; None as
        `mark` removes the mark."""
        if index is None:
            if mark is not None and not self.lines:
                raise UserError("the sale has no items yet; scan the present first")
            return replace(self, gift=mark)
        return self._with_line(index, replace(self._line_at(index), gift=mark))

    def add(self, line: CartLine) -> "Cart":
        """The cart with `line` added; another of a plain item already rung up adds quantity."""
        for index, existing in enumerate(self.lines):
            if existing.merges_with(line):
                merged = replace(existing, quantity=existing.quantity + line.quantity)
                return self._with_line(index, merged)
        return replace(self, lines=(*self.lines, line))

    def set_quantity(self, index: int, quantity: int) -> "Cart":
        """The cart with line `index` at `quantity`."""
        line = self._line_at(index)
        if line.priced_as_whole:
            raise UserError(
                f"line {index + 1} is weighed or price-marked and cannot change quantity; "
                "scan or weigh the item again"
            )
        return self._with_line(index, replace(line, quantity=quantity))

    def void_line(self, index: int, reason: str) -> "Cart":
        """The cart without line `index`, recording the line and `reason` in `voided`."""
        line = self._line_at(index)
        if not reason.strip():
            raise UserError("give a reason for voiding the line")
        return replace(
            self,
            lines=self.lines[:index] + self.lines[index + 1 :],
            voided=(*self.voided, VoidedLine(line, reason.strip())),
        )

    def discount_line(self, index: int, discount: Discount | None, limit_bp: int) -> "Cart":
        """The cart with `discount` on line `index` (None removes it), within `limit_bp`."""
        line = self._line_at(index)
        discounted = replace(line, discount=discount)
        if discount is not None:
            discount.check_within_limit(line.gross_minor, limit_bp, "line")
        return self._with_line(index, discounted)

    def discount_sale(self, discount: Discount | None, limit_bp: int) -> "Cart":
        """The cart with `discount` on the whole sale (None removes it), within `limit_bp`."""
        if discount is not None:
            base = self.discounted_subtotal_minor
            discount.check_fits(base, "sale")
            discount.check_within_limit(base, limit_bp, "sale")
        return replace(self, sale_discount=discount)

    def override_price(self, index: int, unit_price_minor: int) -> "Cart":
        """The cart with line `index` at a price the cashier typed, marked as overridden.

        For a weighed or price-marked line the typed price is the price of the line.
        """
        line = self._line_at(index)
        if line.priced_as_whole:
            changed = replace(line, line_price_minor=unit_price_minor, price_overridden=True)
        else:
            changed = replace(line, unit_price_minor=unit_price_minor, price_overridden=True)
        return self._with_line(index, changed)

    def _line_at(self, index: int) -> CartLine:
        if not 0 <= index < len(self.lines):
            raise UserError(
                f"there is no line {index + 1} in this sale; choose a line from the list"
            )
        return self.lines[index]

    def _with_line(self, index: int, line: CartLine) -> "Cart":
        return replace(self, lines=(*self.lines[:index], line, *self.lines[index + 1 :]))
