"""After-sale follow-ups as values: when one is due, what an outcome does, what the queue shows.

Due days are the shop's local days. A preset is counted from "today" in the shop's
zone; "next working day" skips Saturdays and Sundays (public holidays are not known).
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from pos.domain.errors import UserError

KINDS = ("call", "email", "sms", "visit")
"""What the follow-up is: a call, an e-mail, an SMS reminder for the cashier, a visit."""
SATURDAY = 5
SOURCE_TITLES = {
    "manual": "Scheduled at the till", "win_back": "Win-back call", "rule": "Automatic rule",
    "complaint": "Complaint", "promise": "Promise", "quotation": "Quotation",
    "gift": "Gift reminder",
}
"""How the queue names what made a follow-up that names no sale or quotation."""


class Preset(StrEnum):
    """The quick choices of `Schedule follow-up`."""

    TOMORROW = "tomorrow"
    IN_3_DAYS = "in_3_days"
    IN_A_WEEK = "in_a_week"
    IN_A_MONTH = "in_a_month"
    NEXT_WORKING_DAY = "next_working_day"


class Outcome(StrEnum):
    """What happened when the follow-up was done."""

    REACHED = "reached"
    NO_ANSWER = "no_answer"
    LEFT_MESSAGE = "left_message"
    PROBLEM_FOUND = "problem_found"
    NEW_SALE = "new_sale"

    @property
    def closes(self) -> bool:
        """Reached, a new sale or a problem found (which becomes a complaint) end it;
        no answer and a message left may be tried again another day."""
        return self in (Outcome.REACHED, Outcome.NEW_SALE, Outcome.PROBLEM_FOUND)


def is_working_day(day: date) -> bool:
    return day.weekday() < SATURDAY


def add_working_days(day: date, count: int) -> date:
    """The `count`-th working day (Monday to Friday) after `day`."""
    if count < 0:
        raise ValueError("count working days forwards only")
    current = day
    for _ in range(count):
        current += timedelta(days=1)
        while not is_working_day(current):
            current += timedelta(days=1)
    return current


def add_months(day: date, months: int) -> date:
    """The same day `months` later, or that month's last day (31 January + 1 = 28/29 February)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def preset_due_on(preset: Preset, today: date) -> date:
    """The day a preset chosen `today` falls on."""
    match preset:
        case Preset.TOMORROW:
            return today + timedelta(days=1)
        case Preset.IN_3_DAYS:
            return today + timedelta(days=3)
        case Preset.IN_A_WEEK:
            return today + timedelta(weeks=1)
        case Preset.IN_A_MONTH:
            return add_months(today, 1)
        case Preset.NEXT_WORKING_DAY:
            return add_working_days(today, 1)


def due_on(when: Preset | date, today: date) -> date:
    """The due day of a preset or a date the cashier picked; refuses a day in the past."""
    day = preset_due_on(when, today) if isinstance(when, Preset) else when
    if day < today:
        raise UserError(
            f"{day.isoformat()} is in the past; choose today ({today.isoformat()}) or later"
        )
    return day


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise UserError(f"a follow-up is one of {', '.join(KINDS)}, not {kind!r}")
    return kind


@dataclass(frozen=True, slots=True)
class WhyLine:
    """A line of the sale or quotation a follow-up is about."""

    name: str
    quantity: int
    total_minor: int


@dataclass(frozen=True, slots=True)
class FollowUpItem:
    """One follow-up as the queue, the CLI, the calendar export and the digest show it."""

    id: int
    due_on: date
    kind: str
    note: str
    status: str
    """open, done or cancelled."""
    outcome: str
    """The last outcome recorded ("" before the first attempt)."""
    source: str
    """What created it: manual, rule, quotation, win_back, complaint, ..."""
    customer_id: int | None
    customer_name: str
    phone: str
    email: str
    owner_id: int | None
    owner_name: str
    sale_id: int | None
    receipt_number: str
    """The receipt of the sale it is about ("" when none)."""
    quotation_id: int | None
    quotation_number: str
    why_lines: tuple[WhyLine, ...]
    """The lines of that sale or quotation."""
    created_at: datetime

    def is_overdue(self, today: date) -> bool:
        return self.status == "open" and self.due_on < today

    @property
    def why(self) -> str:
        """What it is about, in a few words ("Receipt R1-000012", "Quotation Q1-000003")."""
        if self.quotation_number:
            return f"Quotation {self.quotation_number}"
        if self.receipt_number:
            return f"Receipt {self.receipt_number}"
        return SOURCE_TITLES.get(self.source, self.source.replace("_", " ").capitalize())
