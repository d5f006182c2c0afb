"""Automatic follow-up rules: stored as rows, read as domain `AutoRule`s, and applied
inside the caller's transaction (a quotation's or a complaint's follow-up is saved
with it, or not at all).
"""

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.db.followups import add_follow_up
from pos.db.models import Category, FollowUpRule, Product, Sale, SaleLine
from pos.domain.followup_rules import AutoRule, SaleFacts, Trigger, rules_for


class FollowUpRuleRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> list[AutoRule]:
        return [_rule(row) for row in self.session.scalars(
            select(FollowUpRule).order_by(FollowUpRule.id)
        )]

    def save(self, rule: AutoRule) -> AutoRule | None:
        """Add the rule (no id) or overwrite the one with its id; None if that id is gone."""
        row = FollowUpRule() if rule.id is None else self.session.get(FollowUpRule, rule.id)
        if row is None:
            return None
        row.trigger = rule.trigger.value
        row.amount_minor = rule.amount_minor
        row.category_id = rule.category_id
        row.days_after = rule.days_after
        row.working_days = rule.working_days
        row.kind = rule.kind
        row.note = rule.note
        row.active = rule.active
        self.session.add(row)
        self.session.flush()
        return _rule(row)

    def categories(self) -> list[tuple[int, str]]:
        """(id, name) of every category, by name: what a category rule can name."""
        rows = self.session.execute(select(Category.id, Category.name).order_by(Category.name))
        return [(category_id, name) for category_id, name in rows]

    def category_exists(self, category_id: int) -> bool:
        return self.session.get(Category, category_id) is not None

    def sale(self, sale_id: int) -> Sale | None:
        return self.session.get(Sale, sale_id)

    def sale_facts(self, sale: Sale) -> SaleFacts:
        """The sale's total and the categories of the products on it."""
        categories = self.session.scalars(
            select(Product.category_id)
            .join(SaleLine, SaleLine.product_id == Product.id)
            .where(SaleLine.sale_id == sale.id, Product.category_id.is_not(None))
            .distinct()
        )
        return SaleFacts(
            total_minor=sale.total_minor,
            category_ids=frozenset(c for c in categories if c is not None),
            is_sale=sale.kind == "sale",
        )


def apply_rules(
    session: Session,
    trigger: Trigger,
    *,
    customer_id: int,
    day: date,
    now: datetime,
    source: str,
    source_id: int,
    created_by_id: int | None = None,
) -> list[int]:
    """Add the follow-ups the active rules of `trigger` ask for (a quotation, a complaint)
    that happened on the shop's local `day`; returns their ids. Never commits."""
    rules = rules_for(FollowUpRuleRepository(session).all(), trigger)
    return [
        add_follow_up(
            session, customer_id=customer_id, due_on=rule.due_on(day), kind=rule.kind,
            note=rule.note, created_at=now, created_by_id=created_by_id, source=source,
            source_id=source_id,
        ).id
        for rule in rules
    ]


def _rule(row: FollowUpRule) -> AutoRule:
    return AutoRule(
        id=row.id, trigger=Trigger(row.trigger), amount_minor=row.amount_minor,
        category_id=row.category_id, days_after=row.days_after,
        working_days=row.working_days, kind=row.kind, note=row.note, active=row.active,
    )
