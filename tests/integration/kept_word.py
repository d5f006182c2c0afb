"""A shop for the promise, complaint, rating and review tests: the till of `TillFixture`,
the owner Olivia, customers Ann and Bob, and the services on a clock the test moves."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Self

from pos.db.database import Database
from pos.domain.cart import Cart
from pos.domain.tender import Tender
from pos.services.checkout import CompletedSale
from pos.services.complaints import ComplaintService
from pos.services.promises import PromiseService
from pos.services.ratings import RatingService
from pos.services.service_review import ServiceReviewService
from tests.factories import ManualClock, TillFixture, add_customer, sell_at, staff_id


@dataclass
class KeptWordShop:
    till: TillFixture
    clock: ManualClock
    owner_id: int
    ann: int
    bob: int
    promises: PromiseService = field(init=False, repr=False)
    complaints: ComplaintService = field(init=False, repr=False)
    ratings: RatingService = field(init=False, repr=False)
    review: ServiceReviewService = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.promises = PromiseService(self.database, self.clock)
        self.complaints = ComplaintService(self.database, self.clock)
        self.ratings = RatingService(self.database, self.clock)
        self.review = ServiceReviewService(self.database, self.clock)

    @classmethod
    def open(cls, database: Database) -> Self:
        till = TillFixture.open(database)
        return cls(
            till, ManualClock(), staff_id(database, "Olivia"),
            add_customer(database, "Ann Archer"), add_customer(database, "Bob Baker"),
        )

    @property
    def database(self) -> Database:
        return self.till.database

    @property
    def alex(self) -> int:
        return self.till.cashier_id

    def sell_mug(
        self, customer_id: int | None = None, *, at: datetime | None = None,
        cashier_id: int | None = None, register_code: str = "1",
    ) -> CompletedSale:
        """A mug sold for cash (at the clock's time unless `at` is given)."""
        if at is not None:
            self.clock.now = at
        return sell_at(
            self.database, self.clock, cashier_id or self.alex,
            Cart().add(self.till.mugs()), Tender("cash", 450),
            customer_id=customer_id, register_code=register_code,
        )
