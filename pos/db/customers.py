"""Reads and writes of customer records and their preferences. Never commits."""

from collections.abc import Mapping, Sequence
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from pos.db.customer_search import TRIGRAM, CustomerQuery, CustomerSearch
from pos.db.models import Customer, CustomerStats, CustomerTag, Sale, Voucher
from pos.domain.customer_records import CustomerHit

SIMILAR_NAME_CANDIDATES = 200
"""How many customers sharing a name word are compared for "similar name"."""
CONTACT_MATCHES = 20


class CustomerRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, customer_id: int, *, lock: bool = False) -> Customer | None:
        return self.session.get(Customer, customer_id, with_for_update=lock)

    def add(self, values: Mapping[str, object]) -> Customer:
        customer = Customer(**values)
        self.session.add(customer)
        self.session.flush()
        return customer

    def flush(self) -> None:
        self.session.flush()

    def delete(self, customer: Customer) -> None:
        self.session.delete(customer)
        self.session.flush()

    def stats(self, customer_id: int) -> CustomerStats | None:
        return self.session.get(CustomerStats, customer_id)

    def delete_stats(self, customer_id: int) -> None:
        self.session.execute(delete(CustomerStats).where(CustomerStats.customer_id == customer_id))

    # --- Preferences ------------------------------------------------------------------

    def tags(self, customer_id: int) -> list[str]:
        return list(
            self.session.scalars(
                select(CustomerTag.tag)
                .where(CustomerTag.customer_id == customer_id)
                .order_by(CustomerTag.id)
            )
        )

    def replace_tags(self, customer_id: int, tags: Sequence[str], at: datetime) -> None:
        """Make the customer's preferences exactly `tags`, keeping those already there."""
        current = self.tags(customer_id)
        gone = [tag for tag in current if tag not in tags]
        if gone:
            self.session.execute(
                delete(CustomerTag).where(
                    CustomerTag.customer_id == customer_id, CustomerTag.tag.in_(gone)
                )
            )
        self.session.add_all(
            CustomerTag(customer_id=customer_id, tag=tag, created_at=at)
            for tag in tags
            if tag not in current
        )
        self.session.flush()

    def delete_tags(self, customer_id: int) -> int:
        result = self.session.execute(
            delete(CustomerTag).where(CustomerTag.customer_id == customer_id)
        )
        return int(result.rowcount or 0)  # type: ignore[attr-defined]

    # --- Look-ups for duplicates ------------------------------------------------------

    def with_phone(self, phone_e164: str) -> list[CustomerHit]:
        """Customers (not erased) with this phone number."""
        if not phone_e164:
            return []
        condition = Customer.phone_normalised == phone_e164
        return CustomerSearch(self.session).matching(condition, "phone", CONTACT_MATCHES)

    def with_email(self, email_normalised: str) -> list[CustomerHit]:
        """Customers (not erased) with this e-mail address."""
        if not email_normalised:
            return []
        condition = Customer.email_normalised == email_normalised
        return CustomerSearch(self.session).matching(condition, "exact", CONTACT_MATCHES)

    def sharing_a_name_word(self, name_key: str) -> list[CustomerHit]:
        """Customers whose search text holds a word of `name_key` (the candidates for a
        similar name; "jane smyth" finds "Jane Smith" by "jane"), through the index."""
        search = CustomerSearch(self.session)
        found: dict[int, CustomerHit] = {}
        for word in dict.fromkeys(name_key.split()):
            if len(word) >= TRIGRAM:
                for hit in search.search(CustomerQuery(word), SIMILAR_NAME_CANDIDATES):
                    found.setdefault(hit.id, hit)
        return list(found.values())

    def by_code(self, code: str) -> Customer | None:
        return self.session.scalars(select(Customer).where(Customer.code == code)).one_or_none()

    def by_card(self, card: str) -> Customer | None:
        return self.session.scalars(
            select(Customer).where(Customer.loyalty_card == card)
        ).one_or_none()

    # --- Money still owed -------------------------------------------------------------

    def open_store_credit(self, customer_id: int) -> list[Voucher]:
        """Store credit issued to the customer by a return and not yet spent."""
        return list(
            self.session.scalars(
                select(Voucher)
                .join(Sale, Sale.id == Voucher.issued_by_sale_id)
                .where(
                    Voucher.customer_id == customer_id,
                    Voucher.kind == "store_credit",
                    Voucher.balance_minor > 0,
                    Sale.kind == "return",
                )
                .order_by(Voucher.id)
            )
        )
