"""Totals of a cart: line and sale discounts, tax per line, the per-rate summary, cash rounding.

Each line's tax is rounded on its own line and the receipt's figures are sums of the
lines, so every total on the receipt agrees with its lines to the penny.
"""

from dataclasses import dataclass

from pos.domain.allocation import allocate
from pos.domain.basis_points import share_half_up
from pos.domain.cart import Cart
from pos.domain.tax import TaxLine, summarise_taxes, tax_of


@dataclass(frozen=True, slots=True)
class PricingRules:
    """How the shop prices: tax included in shelf prices or added, and the cash rounding step.

    `cash_rounding_minor` is the smallest cash the shop hands over (5 for CHF 0.05);
    1 means no rounding.
    """

    prices_include_tax: bool = True
    cash_rounding_minor: int = 1

    def __post_init__(self) -> None:
        _check_step(self.cash_rounding_minor)


@dataclass(frozen=True, slots=True)
class LineTotal:
    """One line priced: `discount_minor` is its own discount plus its share of the sale discount.

    `total_minor` is what the line costs (tax included when prices include tax, before
    tax otherwise); `sale_discount_minor` is the part of `discount_minor` that came from
    the sale discount.
    """

    gross_minor: int
    discount_minor: int
    total_minor: int
    tax_minor: int
    sale_discount_minor: int = 0


@dataclass(frozen=True, slots=True)
class CartTotals:
    """The priced cart; `total_minor` is what the customer owes (before cash rounding)."""

    lines: tuple[LineTotal, ...]
    subtotal_minor: int
    discount_minor: int
    tax_minor: int
    total_minor: int
    taxes: tuple[TaxLine, ...]


def price_cart(cart: Cart, rules: PricingRules) -> CartTotals:
    """Price every line of `cart` and add them up.

    The sale discount is shared over the lines in proportion to their discounted prices
    (largest remainder, so the shares add up to the discount exactly); then each line's
    tax is taken on what the line finally costs.
    """
    discounted = [line.discounted_minor for line in cart.lines]
    sale_discount = cart.sale_discount.amount_off(sum(discounted)) if cart.sale_discount else 0
    shares = allocate(sale_discount, discounted)
    priced = []
    for line, share in zip(cart.lines, shares, strict=True):
        total = line.discounted_minor - share
        tax = tax_of(total, line.tax_rate_bp, prices_include_tax=rules.prices_include_tax)
        priced.append(LineTotal(line.gross_minor, line.discount_minor + share, total, tax, share))
    line_totals = tuple(priced)
    tax_total = sum(line.tax_minor for line in line_totals)
    lines_total = sum(line.total_minor for line in line_totals)
    return CartTotals(
        lines=line_totals,
        subtotal_minor=sum(line.gross_minor for line in line_totals),
        discount_minor=sum(line.discount_minor for line in line_totals),
        tax_minor=tax_total,
        total_minor=lines_total if rules.prices_include_tax else lines_total + tax_total,
        taxes=summarise_taxes(
            (
                (line.tax_rate_bp, total.total_minor, total.tax_minor)
                for line, total in zip(cart.lines, line_totals, strict=True)
            ),
            prices_include_tax=rules.prices_include_tax,
        ),
    )


def cash_round(amount_minor: int, step: int) -> int:
    """`amount_minor` to the nearest multiple of `step`, halves up (for the cash due only)."""
    _check_step(step)
    return share_half_up(amount_minor, 1, step) * step


def _check_step(step: int) -> None:
    if step < 1:
        raise ValueError(f"a cash rounding step is 1 or more minor units, not {step}")
