"""The `Customer panel` as rich text: who they are, what they buy, what is open."""

from datetime import datetime
from html import escape

from pos.domain.money import format_minor
from pos.services.customer_types import CustomerPanel

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _day(moment: datetime | None) -> str:
    if moment is None:
        return "never"
    local = moment.astimezone()
    return f"{local.day} {MONTHS[local.month - 1]} {local.year}"


def panel_html(panel: CustomerPanel) -> str:
    """The panel's content; birthdays and open items stand out, the rest is a glance."""
    parts = [f"<h3>{escape(panel.name)}</h3>"]
    if panel.address_as and panel.address_as != panel.name:
        parts.append(f"<p>Address as <b>{escape(panel.address_as)}</b></p>")
    if panel.birthday_today:
        parts.append("<p class='alert'><b>★ Birthday today!</b></p>")
    elif panel.birthday_this_week and panel.birthday is not None:
        when = f"{panel.birthday.day} {MONTHS[panel.birthday.month - 1]}"
        parts.append(f"<p class='alert'><b>★ Birthday this week ({when})</b></p>")
    for badge in panel.badges:
        parts.append(f"<p class='alert'><b>{escape(badge)}</b></p>")
    contact = " · ".join(escape(x) for x in (panel.phone, panel.email) if x)
    if contact:
        parts.append(f"<p>{contact}</p>")
    parts.append(
        f"<p>{panel.visits} visits · first {_day(panel.first_visit_at)} · last "
        f"{_day(panel.last_visit_at)}<br>spent {format_minor(panel.lifetime_spend_minor)} · "
        f"average {format_minor(panel.average_basket_minor)}</p>"
    )
    if panel.notes:
        parts.append(f"<p><b>Notes:</b> {escape(panel.notes)}</p>")
    if panel.tags:
        parts.append(f"<p><b>Likes:</b> {escape(', '.join(panel.tags))}</p>")
    if panel.usual_products:
        items = "".join(
            f"<li>{escape(p.name)} &times;{p.times_bought} (last {_day(p.last_bought_at)})</li>"
            for p in panel.usual_products
        )
        parts.append(f"<p><b>Usually buys</b></p><ul>{items}</ul>")
    if panel.last_sales:
        sales = "".join(
            f"<li>{_day(s.completed_at)} {escape(s.receipt_number)} "
            f"{format_minor(s.total_minor)} ({s.items} items)</li>"
            for s in panel.last_sales
        )
        parts.append(f"<p><b>Last visits</b></p><ul>{sales}</ul>")
    return "".join(parts)
