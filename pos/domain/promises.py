"""Promises made to customers ("your order arrives Friday"): what makes one valid, and
how one reads back.

A promise is `open` until someone marks it `kept` or `broken`; while open it may also
be *ready*: the product it waits for has come into stock.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, get_args

from pos.domain.errors import UserError

PromiseStatus = Literal["open", "kept", "broken"]
PROMISE_STATUSES: tuple[PromiseStatus, ...] = get_args(PromiseStatus)
MAX_TEXT = 500


@dataclass(frozen=True, slots=True)
class PromiseItem:
    """A promise as the customer panel, the greeting and the due list show it."""

    id: int
    customer_id: int
    customer_name: str
    """Empty once the customer's personal data was erased."""
    text: str
    """Empty once the customer's personal data was erased."""
    due_on: date
    """The shop's local day it is due."""
    promised_by_id: int
    promised_by_name: str
    sale_id: int | None
    product_id: int | None
    product_name: str
    status: PromiseStatus
    made_at: datetime
    ready_at: datetime | None
    """When the product it waits for was received into stock."""
    closed_at: datetime | None
    """When it was marked kept or broken."""
    note: str
    """What was said when it was marked kept or broken."""

    @property
    def is_open(self) -> bool:
        return self.status == "open"

    @property
    def is_ready(self) -> bool:
        return self.is_open and self.ready_at is not None

    def is_overdue(self, today: date) -> bool:
        return self.is_open and self.due_on < today


def checked_promise_text(text: str) -> str:
    """The promise's wording, trimmed; refused when empty or too long for the panel."""
    cleaned = " ".join(text.split())
    if not cleaned:
        raise UserError("say what was promised, e.g. \"we'll call when size M is back\"")
    if len(cleaned) > MAX_TEXT:
        raise UserError(f"the promise is {len(cleaned)} characters long; keep it under {MAX_TEXT}")
    return cleaned


def checked_due_on(due_on: date, today: date) -> date:
    """A promise falls due today or later: one due in the past could never be kept."""
    if due_on < today:
        raise UserError(
            f"the promise is due on {due_on.isoformat()}, which has passed (today is "
            f"{today.isoformat()}); give today or a later day"
        )
    return due_on
