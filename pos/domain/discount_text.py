"""Reading a discount as a cashier types it: "10%" or "10 %" off, or "2.50" off."""

from decimal import Decimal, InvalidOperation

from pos.domain.basis_points import BP_WHOLE
from pos.domain.cart import Discount
from pos.domain.errors import UserError
from pos.domain.money import parse_minor


def parse_discount(text: str, exponent: int = 2) -> Discount:
    """A percentage ("12.5%") or an amount in major units ("2.50"); anything else refused."""
    cleaned = text.strip()
    if not cleaned:
        raise UserError("type a discount: 10% for a percentage, or 2.50 for an amount")
    if cleaned.endswith("%"):
        number = cleaned[:-1].strip()
        try:
            percent = Decimal(number)
        except InvalidOperation:
            raise UserError(f"'{text}' is not a percentage; write it like 10%") from None
        basis_points = percent * 100
        if not percent.is_finite() or basis_points != basis_points.to_integral_value():
            raise UserError(f"'{text}' is not a percentage; write it like 10% or 12.5%")
        if basis_points > BP_WHOLE:
            raise UserError("a discount cannot be more than 100 %")
        return Discount("percent", int(basis_points))
    return Discount("amount", parse_minor(cleaned, exponent))
