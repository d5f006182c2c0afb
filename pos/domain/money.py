"""Money as integer minor units (pence, cents), parsed from and formatted to text exactly.

Floats never touch money: text is parsed with `Decimal`, stored and added as `int`.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from pos.domain.errors import UserError


@dataclass(frozen=True, slots=True)
class Money:
    """An exact amount: `minor` units of a currency with `exponent` decimal places."""

    minor: int
    currency: str = "GBP"
    exponent: int = 2

    def __add__(self, other: "Money") -> "Money":
        self._check_same(other)
        return Money(self.minor + other.minor, self.currency, self.exponent)

    def __sub__(self, other: "Money") -> "Money":
        self._check_same(other)
        return Money(self.minor - other.minor, self.currency, self.exponent)

    def __neg__(self) -> "Money":
        return Money(-self.minor, self.currency, self.exponent)

    def times(self, quantity: int) -> "Money":
        """This amount `quantity` times (quantities are whole units)."""
        return Money(self.minor * quantity, self.currency, self.exponent)

    def as_decimal(self) -> Decimal:
        """The amount in major units, exactly."""
        return Decimal(self.minor).scaleb(-self.exponent)

    def _check_same(self, other: "Money") -> None:
        if (self.currency, self.exponent) != (other.currency, other.exponent):
            raise ValueError(f"cannot mix {self.currency} and {other.currency}")


def round_half_up(value: Decimal) -> int:
    """Round to a whole number of minor units, halves away from zero (the shop rounding rule)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def parse_minor(text: str, exponent: int = 2) -> int:
    """Parse decimal text in major units ("2.50") into minor units (250), exactly.

    Raises `UserError` for text that is not a plain amount or has more decimals than
    the currency has.
    """
    cleaned = text.strip().replace(",", "")
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise UserError(f"'{text}' is not an amount; write it like 2.50") from None
    if not value.is_finite():
        raise UserError(f"'{text}' is not an amount; write it like 2.50")
    scaled = value.scaleb(exponent)
    if scaled != scaled.to_integral_value():
        raise UserError(f"'{text}' has more than {exponent} decimal places")
    return int(scaled)


def format_minor(minor: int, exponent: int = 2) -> str:
    """Plain text of an amount in major units, without currency symbol ("-2.50")."""
    return f"{Decimal(minor).scaleb(-exponent):.{exponent}f}"
