"""Quotations: their numbers, how long they stay valid, and when one has expired.

Numbers come from a gapless counter per register of their own (`Q1-000001`), apart
from receipt numbers, so a quotation never leaves a gap in the receipts.
"""

from datetime import date, timedelta
from enum import StrEnum

from pos.domain.errors import UserError

MAX_VALID_DAYS = 365


class QuotationStatus(StrEnum):
    OPEN = "open"
    CONVERTED = "converted"
    EXPIRED = "expired"


def format_quotation_number(register_code: str, sequence: int) -> str:
    """The printed number of the `sequence`-th quotation of a register."""
    if sequence < 1:
        raise ValueError("quotation sequences start at 1")
    return f"Q{register_code}-{sequence:06d}"


def valid_until(today: date, valid_days: int) -> date:
    """The last day a quotation made `today` holds for `valid_days` days."""
    if not 1 <= valid_days <= MAX_VALID_DAYS:
        raise UserError(f"a quotation is valid for 1 to {MAX_VALID_DAYS} days, not {valid_days}")
    return today + timedelta(days=valid_days)


def is_expired(status: str, last_valid_day: date, today: date) -> bool:
    """Marked expired, or past its last valid day and not yet marked (nor converted)."""
    if status == QuotationStatus.EXPIRED:
        return True
    return status == QuotationStatus.OPEN and today > last_valid_day
