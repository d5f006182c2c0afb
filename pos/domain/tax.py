"""Sales tax (VAT): the one function that computes it, and the per-rate summary on a receipt."""

from collections.abc import Iterable
from dataclasses import dataclass

from pos.domain.basis_points import BP_WHOLE, share_half_up
from pos.domain.errors import UserError


def tax_of(amount_minor: int, rate_bp: int, *, prices_include_tax: bool) -> int:
    """The tax in an amount (`prices_include_tax`) or on top of it, rounded half up.

    Tax-inclusive: `amount * rate / (10000 + rate)` (the tax part of a gross price);
    exclusive: `amount * rate / 10000`. Negative amounts (refunds) give the exact
    negative of the tax on the positive amount.
    """
    if rate_bp < 0:
        raise UserError("a tax rate cannot be negative; check the product's tax rate")
    denominator = BP_WHOLE + rate_bp if prices_include_tax else BP_WHOLE
    return share_half_up(amount_minor, rate_bp, denominator)


@dataclass(frozen=True, slots=True)
class TaxLine:
    """Everything sold at one tax rate: net + tax == gross."""

    rate_bp: int
    net_minor: int
    tax_minor: int
    gross_minor: int


def summarise_taxes(
    taxed: Iterable[tuple[int, int, int]], *, prices_include_tax: bool
) -> tuple[TaxLine, ...]:
    """One `TaxLine` per rate, lowest rate first, from `(rate_bp, amount_minor, tax_minor)`.

    The taxes are summed as given (each already rounded on its own line), never
    recomputed on the total, so the summary agrees with the lines to the penny.
    `amount_minor` is gross when prices include tax and net when they do not.
    """
    amounts: dict[int, int] = {}
    taxes: dict[int, int] = {}
    for rate_bp, amount_minor, tax_minor in taxed:
        amounts[rate_bp] = amounts.get(rate_bp, 0) + amount_minor
        taxes[rate_bp] = taxes.get(rate_bp, 0) + tax_minor
    lines = []
    for rate_bp in sorted(amounts):
        amount, tax = amounts[rate_bp], taxes[rate_bp]
        if prices_include_tax:
            lines.append(TaxLine(rate_bp, amount - tax, tax, amount))
        else:
            lines.append(TaxLine(rate_bp, amount, tax, amount + tax))
    return tuple(lines)
