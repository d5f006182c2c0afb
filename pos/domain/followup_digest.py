"""The owner's daily digest as text: what is overdue, what is due today, which
quotations run out soon."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pos.domain.followups import FollowUpItem
from pos.domain.money import format_minor


@dataclass(frozen=True, slots=True)
class EndingQuotation:
    number: str
    customer_name: str
    valid_until: date
    total_minor: int


def digest_subject(shop_name: str, today: date, items: Sequence[FollowUpItem]) -> str:
    overdue = sum(1 for item in items if item.is_overdue(today))
    return (f"{shop_name}: {len(items) - overdue} follow-ups today, {overdue} overdue "
            f"({today.isoformat()})")


def digest_body(
    shop_name: str,
    today: date,
    items: Sequence[FollowUpItem],
    quotations: Sequence[EndingQuotation],
) -> str:
    overdue = [item for item in items if item.is_overdue(today)]
    due_today = [item for item in items if not item.is_overdue(today)]
    lines = [f"Follow-ups for {shop_name} on {today:%A %d %B %Y}", ""]
    for title, group in (("Overdue", overdue), ("Due today", due_today)):
        lines.append(f"{title} ({len(group)})")
        lines += [_item_line(item) for item in group] or ["  none"]
        lines.append("")
    lines.append(f"Quotations ending within a few days ({len(quotations)})")
    lines += [
        f"  {q.number}  {q.customer_name or '(no customer)'}  valid until "
        f"{q.valid_until.isoformat()}  {format_minor(q.total_minor)}"
        for q in quotations
    ] or ["  none"]
    return "\n".join(lines) + "\n"


def _item_line(item: FollowUpItem) -> str:
    parts = (item.due_on.isoformat(), item.kind, item.customer_name, item.phone, item.email,
             item.why)
    text = "  " + "  ".join(part for part in parts if part)
    return f"{text}\n      {item.note}" if item.note else text
