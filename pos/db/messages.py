"""Reads and writes of the messages to customers: the owner's templates and rule order,
the thank-yous given, the birthday e-mails. Never commits."""

import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlalchemy import and_, delete, or_, select
from sqlalchemy.orm import Session

from pos.db.models import BirthdayGreeting, Customer, MessageTemplate, Setting, ThankYouSent

RULE_ORDER_SETTING = "messages.rule_order"


class MessageRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # --- The owner's templates and rule order ------------------------------------------

    def templates(self, languages: Iterable[str]) -> dict[tuple[str, str], tuple[str, ...]]:
        """{(occasion, language): variants} of the owner's templates in these languages."""
        wanted = sorted(set(languages))
        if not wanted:
            return {}
        rows = self.session.execute(
            select(MessageTemplate.occasion, MessageTemplate.language, MessageTemplate.variants)
            .where(MessageTemplate.language.in_(wanted))
        )
        return {(occasion, language): _variants(text) for occasion, language, text in rows}

    def languages(self) -> list[str]:
        """Languages the owner has written templates in."""
        return list(self.session.scalars(
            select(MessageTemplate.language).distinct().order_by(MessageTemplate.language)
        ))

    def put_template(
        self, occasion: str, language: str, variants: Sequence[str], *, at: datetime,
        by: int | None,
    ) -> None:
        row = self.session.scalars(
            select(MessageTemplate).where(MessageTemplate.occasion == occasion,
                                          MessageTemplate.language == language)
            .with_for_update()
        ).one_or_none() or MessageTemplate(occasion=occasion, language=language)
        row.variants = json.dumps(list(variants), ensure_ascii=False)
        row.updated_at = at
        row.updated_by_id = by
        self.session.add(row)
        self.session.flush()

    def delete_template(self, occasion: str, language: str) -> int:
        result = self.session.execute(
            delete(MessageTemplate).where(MessageTemplate.occasion == occasion,
                                          MessageTemplate.language == language)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def rule_order(self) -> tuple[str, ...] | None:
        row = self.session.get(Setting, RULE_ORDER_SETTING)
        if row is None or not row.value.strip():
            return None
        return tuple(part.strip() for part in row.value.split(",") if part.strip())

    def put_rule_order(self, order: Sequence[str], at: datetime) -> None:
        row = self.session.get(Setting, RULE_ORDER_SETTING, with_for_update=True) or Setting(
            key=RULE_ORDER_SETTING)
        row.value = ",".join(order)
        row.updated_at = at
        self.session.add(row)
        self.session.flush()

    # --- Thank-yous given ---------------------------------------------------------------

    def last_thank_you(self, customer_id: int) -> ThankYouSent | None:
        return self.session.scalars(
            select(ThankYouSent).where(ThankYouSent.customer_id == customer_id)
            .order_by(ThankYouSent.id.desc()).limit(1)
        ).one_or_none()

    def add_thank_you(self, sent: ThankYouSent) -> None:
        self.session.add(sent)
        self.session.flush()

    def thank_you_for_sale(self, sale_id: int) -> str | None:
        return self.session.scalars(
            select(ThankYouSent.text).where(ThankYouSent.sale_id == sale_id)
            .order_by(ThankYouSent.id.desc()).limit(1)
        ).one_or_none()

    # --- Birthday e-mails ---------------------------------------------------------------

    def birthday_customers(self, days: Sequence[tuple[int, int]]) -> list[Customer]:
        """Customers with a birthday on one of these (month, day) who agreed to marketing
        e-mail and have an address, not erased; locked (one writer greets each)."""
        if not days:
            return []
        return list(self.session.scalars(
            select(Customer)
            .where(or_(*(and_(Customer.birthday_month == month, Customer.birthday_day == day)
                       for month, day in days)),
                   Customer.consent_marketing_email.is_(True), Customer.email != "",
                   Customer.erased_at.is_(None))
            .order_by(Customer.id)
            .with_for_update()
        ))

    def greeted(self, customer_ids: Sequence[int], year: int) -> set[int]:
        """Which of these customers have a birthday greeting written in `year` (at most
        one a year, even if their birthday was changed since)."""
        if not customer_ids:
            return set()
        return set(self.session.scalars(
            select(BirthdayGreeting.customer_id)
            .where(BirthdayGreeting.customer_id.in_(list(customer_ids)),
                   BirthdayGreeting.birthday_on >= date(year, 1, 1),
                   BirthdayGreeting.birthday_on <= date(year, 12, 31))
        ))

    def add_greeting(self, greeting: BirthdayGreeting) -> None:
        self.session.add(greeting)
        self.session.flush()

    def unsent_greetings(self, not_before: date) -> list[BirthdayGreeting]:
        """Greetings not sent yet for birthdays on or after `not_before`, to customers who
        still agree to marketing e-mail, oldest first."""
        return list(self.session.scalars(
            select(BirthdayGreeting)
            .join(Customer, Customer.id == BirthdayGreeting.customer_id)
            .where(BirthdayGreeting.sent_at.is_(None),
                   BirthdayGreeting.birthday_on >= not_before,
                   Customer.consent_marketing_email.is_(True), Customer.erased_at.is_(None))
            .order_by(BirthdayGreeting.birthday_on, BirthdayGreeting.id)
        ))

    def greeting(self, greeting_id: int) -> BirthdayGreeting | None:
        return self.session.get(BirthdayGreeting, greeting_id, with_for_update=True)


def _variants(text: str) -> tuple[str, ...]:
    try:
        loaded = json.loads(text)
    except ValueError:
        return ()
    if not isinstance(loaded, list):
        return ()
    return tuple(item for item in loaded if isinstance(item, str))
