"""Promises to customers: made at the till, shown when the customer is attached, reminded
through the follow-up queue, flagged ready when stock arrives, marked kept or broken.

Each promise gets one follow-up (source "promise"), due on the promise's day, written in
the same transaction; marking the promise closes it (done when kept, cancelled when
broken), so a promise never leaves a stray reminder behind.
"""

from datetime import date

from pos.db.database import Database
from pos.db.followups import add_follow_up
from pos.db.linked_records import LinkedRecords
from pos.db.models import Promise
from pos.db.promises import PromiseRepository
from pos.domain.clock import Clock, utc_now
from pos.domain.errors import UserError
from pos.domain.promises import PromiseItem, checked_due_on, checked_promise_text
from pos.services.link_checks import (
    found,
    require_customer,
    require_product,
    require_sale_of,
    require_staff,
)
from pos.services.shop_days import shop_today

FOLLOW_UP_KIND = "call"


class PromiseService:
    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        self._database = database
        self._clock = clock

    def make(
        self,
        customer_id: int,
        text: str,
        due_on: date,
        promised_by_id: int,
        sale_id: int | None = None,
        product_id: int | None = None,
    ) -> PromiseItem:
        """Record a promise due on the shop's local day `due_on` (today or later)."""
        wording = checked_promise_text(text)
        now = self._clock()
        checked_due_on(due_on, shop_today(self._database, now))
        with self._database.writer() as uow:
            links = LinkedRecords(uow.session)
            require_customer(links, customer_id)
            require_staff(links, promised_by_id)
            if sale_id is not None:
                require_sale_of(links, sale_id, customer_id)
            if product_id is not None:
                require_product(links, product_id)
            repo = PromiseRepository(uow.session)
            promise = repo.add(Promise(
                customer_id=customer_id, text=wording, due_on=due_on,
                promised_by_id=promised_by_id, sale_id=sale_id, product_id=product_id,
                status="open", made_at=now, note="",
            ))
            promise.follow_up_id = add_follow_up(
                uow.session, customer_id=customer_id, due_on=due_on, kind=FOLLOW_UP_KIND,
                note=f"Promise: {wording}", created_at=now, owner_id=promised_by_id,
                created_by_id=promised_by_id, sale_id=sale_id, source="promise",
                source_id=promise.id,
            ).id
            item = found(repo.item(promise.id), "promise", promise.id)
            uow.commit()
        return item

    def get(self, promise_id: int) -> PromiseItem:
        with self._database.reader() as uow:
            return found(PromiseRepository(uow.session).item(promise_id), "promise", promise_id)

    def open_for(self, customer_id: int) -> tuple[PromiseItem, ...]:
        """The customer's open promises, soonest first (customer panel and greeting)."""
        with self._database.reader() as uow:
            return PromiseRepository(uow.session).open_for(customer_id)

    def due(self, today: date | None = None) -> tuple[PromiseItem, ...]:
        """Open promises due on `today` (the shop's today if not given) or overdue."""
        day = today or shop_today(self._database, self._clock())
        with self._database.reader() as uow:
            return PromiseRepository(uow.session).due(day)

    def mark(self, promise_id: int, kept: bool, note: str = "") -> PromiseItem:
        """Close the promise as kept or broken, and its follow-up with it."""
        now = self._clock()
        with self._database.writer() as uow:
            repo = PromiseRepository(uow.session)
            promise = found(repo.lock(promise_id), "promise", promise_id)
            if promise.status != "open":
                raise UserError(
                    f"the promise was already marked {promise.status} on "
                    f"{promise.closed_at:%Y-%m-%d}; make a new one if something else was promised"
                )
            promise.status = "kept" if kept else "broken"
            promise.closed_at = now
            promise.note = note.strip()
            follow_up = repo.follow_up(promise.follow_up_id)
            if follow_up is not None and follow_up.status == "open":
                follow_up.status = "done" if kept else "cancelled"
                follow_up.done_at = now
                follow_up.outcome_note = f"Promise {promise.status}. {promise.note}".strip()
            repo.flush()
            item = found(repo.item(promise_id), "promise", promise_id)
            uow.commit()
        return item

    def stock_received(self, product_id: int) -> tuple[PromiseItem, ...]:
        """Flag the open promises waiting for the product as ready, and bring their
        reminders forward to today so someone tells the customer; returns them.

        Called when stock of the product is received (the catalogue keeps no stock yet).
        """
        now = self._clock()
        today = shop_today(self._database, now)
        with self._database.writer() as uow:
            repo = PromiseRepository(uow.session)
            waiting = repo.waiting_for(product_id)
            for promise in waiting:
                promise.ready_at = now
                follow_up = repo.follow_up(promise.follow_up_id)
                if follow_up is not None and follow_up.status == "open":
                    follow_up.due_on = min(follow_up.due_on, today)
            repo.flush()
            items = repo.items([promise.id for promise in waiting])
            uow.commit()
        return items
