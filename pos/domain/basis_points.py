"""Percentages as integer basis points (1250 = 12.5 %) and exact scaling of amounts by them."""

from decimal import Decimal, localcontext

from pos.domain.money import round_half_up

BP_WHOLE = 10_000
"""100 % in basis points."""


def share_half_up(amount: int, numerator: int, denominator: int) -> int:
    """`amount * numerator / denominator`, rounded half up to a whole number.

    The division runs with enough digits of precision for the operands, so a true
    quotient just below a half can never be rounded as if it were the half.
    """
    if denominator <= 0:
        raise ValueError(f"denominator must be positive, not {denominator}")
    product = amount * numerator
    with localcontext() as context:
        context.prec = len(str(abs(product))) + len(str(denominator)) + 2
        return round_half_up(Decimal(product) / Decimal(denominator))


def percent_of(amount_minor: int, rate_bp: int) -> int:
    """`rate_bp` basis points of an amount, rounded half up."""
    return share_half_up(amount_minor, rate_bp, BP_WHOLE)


def format_bp(rate_bp: int) -> str:
    """A percentage as a person writes it: 1250 -> "12.5 %", 1000 -> "10 %"."""
    sign = "-" if rate_bp < 0 else ""
    whole, hundredths = divmod(abs(rate_bp), 100)
    if hundredths == 0:
        return f"{sign}{whole} %"
    return f"{sign}{whole}.{hundredths:02d}".rstrip("0") + " %"
