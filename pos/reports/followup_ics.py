"""Follow-ups as an iCalendar file (RFC 5545) that any calendar imports.

Each follow-up is an all-day event on its due day. UIDs are stable per follow-up, so
importing a newer export updates events instead of duplicating them. Text is UTF-8
(icalendar escapes and folds it), so names such as "Zoë Łukasiewicz" survive.
"""

from collections.abc import Iterable
from datetime import datetime, timedelta

from icalendar import Calendar, Event

from pos.domain.followups import FollowUpItem
from pos.domain.money import format_minor

PRODUCT_ID = "-//pos-till//follow-ups//EN"
UID_DOMAIN = "follow-up.pos-till"
KIND_TITLES = {"call": "Call", "email": "E-mail", "sms": "SMS", "visit": "Visit"}


def follow_up_uid(follow_up_id: int) -> str:
    return f"{follow_up_id}@{UID_DOMAIN}"


def render_calendar(
    items: Iterable[FollowUpItem], *, calendar_name: str, stamped_at: datetime
) -> bytes:
    """The iCalendar bytes of `items`; `stamped_at` (aware) is each event's DTSTAMP."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", calendar_name)
    for item in items:
        calendar.add_component(_event(item, stamped_at))
    return bytes(calendar.to_ical())


def summary(item: FollowUpItem) -> str:
    """"Call Zoë Brontë" (or "Call (no customer)")."""
    return f"{KIND_TITLES.get(item.kind, item.kind)} {item.customer_name or '(no customer)'}"


def description(item: FollowUpItem) -> str:
    """What the person doing it needs: the note, how to reach them, and why."""
    parts = [item.note] if item.note else []
    parts += [f"Phone: {item.phone}"] if item.phone else []
    parts += [f"E-mail: {item.email}"] if item.email else []
    parts.append(item.why)
    parts += [
        f"  {line.quantity} x {line.name}  {format_minor(line.total_minor)}"
        for line in item.why_lines
    ]
    return "\n".join(parts)


def _event(item: FollowUpItem, stamped_at: datetime) -> Event:
    event = Event()
    event.add("uid", follow_up_uid(item.id))
    event.add("dtstamp", stamped_at)
    event.add("dtstart", item.due_on)
    event.add("dtend", item.due_on + timedelta(days=1))
    event.add("summary", summary(item))
    event.add("description", description(item))
    event.add("categories", [item.kind])
    return event
