"""Reading one cell of an import exactly: amounts, quantities, rates, times and codes.

Amounts are decimal text with a decimal point, parsed with `Decimal` and refused when
they carry more places than the currency has: "2,50" is refused rather than read as
250 (a comma could be a decimal comma or a thousands separator, so it is not guessed).
Times without an offset are the shop's wall-clock time and are stored as UTC.
"""

import re
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from pos.domain.errors import UserError
from pos.domain.money import parse_minor

_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
BP_PER_PERCENT = 100


def parse_amount(text: str, exponent: int, *, what: str = "price") -> int:
    """Decimal text in major units ("2.50") as minor units (250)."""
    cleaned = text.strip()
    if not _PLAIN_NUMBER.fullmatch(cleaned):
        raise UserError(
            f"{what} '{text}' is not an amount; write it with a decimal point and no "
            "thousands separators or currency sign, like 2.50"
        )
    return parse_minor(cleaned, exponent)


def parse_quantity(text: str) -> int:
    """A whole number of units, which may be negative (returns)."""
    cleaned = text.strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value != value.to_integral_value():
        raise UserError(f"quantity '{text}' is not a whole number")
    return int(value)


def parse_tax_rate(text: str) -> int:
    """A percentage ("20", "5.5") as basis points (2000, 550)."""
    cleaned = text.strip().removesuffix("%").strip()
    try:
        value = Decimal(cleaned) * BP_PER_PERCENT
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite() or value != value.to_integral_value() or not 0 <= value <= 10_000:
        raise UserError(
            f"tax rate '{text}' is not a percentage from 0 to 100 with at most two decimals, "
            "like 20 or 5.5"
        )
    return int(value)


def parse_local_time(text: str, zone: ZoneInfo) -> datetime:
    """ISO 8601 date and time; without an offset, in the shop's zone. Returned in UTC."""
    try:
        value = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UserError(
            f"date '{text}' is not a date and time; write it like 2011-12-09 12:50:00 "
            "(ISO 8601, the shop's local time unless it ends with an offset)"
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=zone)
    return value.astimezone(UTC)


def whole_number_code(text: str, *, what: str = "CustomerID") -> str:
    """A number some programs write as a float ("12923.0") as the code it is ("12923")."""
    cleaned = text.strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return cleaned
    if not value.is_finite() or value != value.to_integral_value():
        raise UserError(f"{what} '{text}' is not a whole number")
    return str(int(value))


def check_length(text: str, most: int, what: str) -> str:
    if len(text) > most:
        raise UserError(f"{what} is longer than {most} characters")
    return text
