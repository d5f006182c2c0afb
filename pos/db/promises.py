"""Reading and writing promises, and the follow-up each one keeps in the queue.

Never commits: the promise service owns the transaction, so a promise and its
follow-up are saved together.
"""

from datetime import date, datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from pos.db.models import Customer, FollowUp, Product, Promise, User
from pos.domain.choices import one_of
from pos.domain.promises import PROMISE_STATUSES, PromiseItem

_ItemQuery = Select[Promise, str, datetime | None, str, str]
_ITEMS: _ItemQuery = (
    select(Promise, Customer.name, Customer.erased_at, User.name, Product.name)
    .join(Customer, Customer.id == Promise.customer_id)
    .join(User, User.id == Promise.promised_by_id)
    .outerjoin(Product, Product.id == Promise.product_id)
)


class PromiseRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, promise: Promise) -> Promise:
        self.session.add(promise)
        self.session.flush()
        return promise

    def lock(self, promise_id: int) -> Promise | None:
        """The promise, locked until commit (two tills marking it queue)."""
        return self.session.get(Promise, promise_id, with_for_update=True)

    def flush(self) -> None:
        self.session.flush()

    def item(self, promise_id: int) -> PromiseItem | None:
        items = self._items(_ITEMS.where(Promise.id == promise_id))
        return items[0] if items else None

    def open_for(self, customer_id: int) -> tuple[PromiseItem, ...]:
        """The customer's open promises, soonest due first (index customer_id, status)."""
        return self._items(
            _ITEMS.where(Promise.customer_id == customer_id, Promise.status == "open")
            .order_by(Promise.due_on, Promise.id)
        )

    def due(self, today: date) -> tuple[PromiseItem, ...]:
        """Open promises due today or before, most overdue first (index status, due_on)."""
        return self._items(
            _ITEMS.where(Promise.status == "open", Promise.due_on <= today)
            .order_by(Promise.due_on, Promise.id)
        )

    def waiting_for(self, product_id: int) -> list[Promise]:
        """Open promises waiting for the product and not yet flagged ready, locked."""
        return list(self.session.scalars(
            select(Promise)
            .where(Promise.product_id == product_id, Promise.status == "open",
                   Promise.ready_at.is_(None))
            .order_by(Promise.id)
            .with_for_update()
        ))

    def items(self, promise_ids: list[int]) -> tuple[PromiseItem, ...]:
        return self._items(_ITEMS.where(Promise.id.in_(promise_ids)).order_by(Promise.id))

    def follow_up(self, follow_up_id: int | None) -> FollowUp | None:
        """The promise's reminder, locked; None if there is none (any more)."""
        if follow_up_id is None:
            return None
        return self.session.get(FollowUp, follow_up_id, with_for_update=True)

    def _items(self, query: _ItemQuery) -> tuple[PromiseItem, ...]:
        return tuple(_item(*row) for row in self.session.execute(query))


def _item(
    promise: Promise,
    customer_name: str,
    erased_at: datetime | None,
    promised_by_name: str,
    product_name: str | None,
) -> PromiseItem:
    erased = erased_at is not None
    # Read through an inner join on the customer: an unlinked (erased) promise is never here.
    assert promise.customer_id is not None
    return PromiseItem(
        id=promise.id, customer_id=promise.customer_id,
        customer_name="" if erased else customer_name,
        text="" if erased else promise.text, due_on=promise.due_on,
        promised_by_id=promise.promised_by_id, promised_by_name=promised_by_name,
        sale_id=promise.sale_id, product_id=promise.product_id,
        product_name=product_name or "",
        status=one_of(promise.status, PROMISE_STATUSES, "promise status"),
        made_at=promise.made_at, ready_at=promise.ready_at, closed_at=promise.closed_at,
        note=promise.note,
    )
