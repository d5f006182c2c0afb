"""The facts of a visit, gathered from a customer's panel (one read, already loaded)."""

from datetime import date

from pos.domain.birthdays import days_until_birthday
from pos.domain.occasions import VisitFacts
from pos.services.customer_types import CustomerPanel


def usual_gap_days(panel: CustomerPanel) -> float | None:
    """Average days between their visits so far (None with fewer than two)."""
    if panel.visits < 2 or panel.first_visit_at is None or panel.last_visit_at is None:
        return None
    span = (panel.last_visit_at - panel.first_visit_at).total_seconds() / 86_400
    return span / (panel.visits - 1)


def facts_from_panel(
    panel: CustomerPanel, today: date, *, total_minor: int = 0, is_gift: bool = False,
    large_purchase_minor: int = 0, already_counted: bool = False,
) -> VisitFacts:
    """Facts for this visit. `already_counted`: the panel was read after this visit's sale
    was saved (for the thank-you), so it already includes this visit."""
    past = panel.visits - 1 if already_counted else panel.visits
    last = panel.last_visit_at
    if already_counted:
        last = panel.last_sales[1].completed_at if len(panel.last_sales) > 1 else None
    return VisitFacts(
        visit_number=past + 1,
        days_since_last_visit=None if last is None else (today - last.date()).days,
        usual_gap_days=usual_gap_days(panel),
        past_visits=past,
        days_to_birthday=(
            None if panel.birthday is None
            else days_until_birthday(panel.birthday.day, panel.birthday.month, today)
        ),
        is_gift=is_gift,
        total_minor=total_minor,
        large_purchase_minor=large_purchase_minor,
        has_preferences=bool(panel.tags),
    )
