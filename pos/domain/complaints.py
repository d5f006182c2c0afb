"""Complaints: their fixed choices, the rules of their lifecycle, and how one reads back.

A complaint is `open` when logged, `responded` once someone has answered the customer,
and `resolved` when it is closed with a remedy. Times are aware UTC; the time to
apology, first response and resolution are measured from when it was logged.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal, get_args

from pos.domain.choices import one_of
from pos.domain.errors import UserError

Category = Literal["product_fault", "service", "price", "wait", "staff", "other"]
Severity = Literal["low", "medium", "high"]
Remedy = Literal["refund", "replacement", "discount", "voucher", "explanation"]
ComplaintStatus = Literal["open", "responded", "resolved"]
CATEGORIES: tuple[Category, ...] = get_args(Category)
SEVERITIES: tuple[Severity, ...] = get_args(Severity)
REMEDIES: tuple[Remedy, ...] = get_args(Remedy)
COMPLAINT_STATUSES: tuple[ComplaintStatus, ...] = get_args(ComplaintStatus)
SATISFACTION_CHECK = "Check they are satisfied"
"""The note of the follow-up every complaint creates."""


@dataclass(frozen=True, slots=True)
class ComplaintItem:
    """A complaint as the customer screen and the owner's list show it."""

    id: int
    customer_id: int | None
    """None for a passer-by the shop does not know."""
    customer_name: str
    """Empty for a passer-by, and once the customer's personal data was erased."""
    customer_erased: bool
    sale_id: int | None
    receipt_number: str
    """Empty when the complaint is not about a sale."""
    line_no: int | None
    category: Category
    said: str
    """What the customer said; empty once their personal data was erased."""
    severity: Severity
    owner_id: int
    owner_name: str
    logged_by_id: int
    logged_at: datetime
    status: ComplaintStatus
    apologised_at: datetime | None
    first_response_at: datetime | None
    response_note: str
    remedy: Remedy | None
    resolution_note: str
    resolved_at: datetime | None
    follow_up_id: int | None

    @property
    def time_to_apology(self) -> timedelta | None:
        return _since(self.logged_at, self.apologised_at)

    @property
    def time_to_first_response(self) -> timedelta | None:
        return _since(self.logged_at, self.first_response_at)

    @property
    def time_to_resolution(self) -> timedelta | None:
        return _since(self.logged_at, self.resolved_at)


def _since(start: datetime, end: datetime | None) -> timedelta | None:
    return None if end is None else end - start


def checked_category(value: str) -> Category:
    return one_of(value, CATEGORIES, "complaint category")


def checked_severity(value: str) -> Severity:
    return one_of(value, SEVERITIES, "severity")


def checked_remedy(value: str | None) -> Remedy:
    """Closing a complaint needs the remedy that put it right."""
    if not value:
        raise UserError(
            f"say how the complaint was put right before closing it: {', '.join(REMEDIES)}"
        )
    return one_of(value, REMEDIES, "remedy")


def checked_said(said: str) -> str:
    cleaned = said.strip()
    if not cleaned:
        raise UserError("write down what the customer said, in their words")
    return cleaned


def apology_time(at: datetime, logged_at: datetime, now: datetime) -> datetime:
    """When the apology counts as made: not in the future; one made on the spot, before
    the complaint was typed in, counts as made when it was logged (time to apology 0)."""
    if at > now:
        raise UserError("the apology cannot be in the future; give the time it was made")
    return max(at, logged_at)


def refuse_if_resolved(status: str, resolved_at: datetime | None) -> None:
    if status == "resolved":
        when = f" on {resolved_at:%Y-%m-%d %H:%M} UTC" if resolved_at else ""
        raise UserError(f"the complaint was resolved{when}; log a new one if it came back")
