"""Park a sale and resume it later, on this till or another.

A parked cart is a row in the database (the cart as JSON), so it survives a restart
and every till sees it. Resuming deletes the row in the same transaction that reads
it: two tills resuming the same cart cannot both get it.
"""

from dataclasses import dataclass
from datetime import datetime

from pos.db.database import Database
from pos.db.errors import translate_database_errors
from pos.db.models import ParkedSale
from pos.db.parking import ParkedRow, ParkingRepository
from pos.domain.cart import Cart
from pos.domain.clock import Clock, utc_now
from pos.domain.errors import NotFoundError, UserError
from pos.domain.pricing import price_cart
from pos.services import cart_codec
from pos.services.checkout import CheckoutService
from pos.services.numbering import checked_note

LABEL_MAX_LENGTH = 120
ALREADY_RESUMED = "that sale was already resumed on another till"


@dataclass(frozen=True, slots=True)
class ParkedSummary:
    """One parked sale as the list of parked sales shows it."""

    id: int
    label: str
    register_code: str
    cashier_id: int
    cashier_name: str
    customer_id: int | None
    item_count: int
    total_minor: int
    parked_at: datetime


@dataclass(frozen=True, slots=True)
class ResumedCart:
    """A parked cart taken back to ring up, with the customer it was parked for."""

    cart: Cart
    customer_id: int | None


class ParkingService:
    def __init__(self, database: Database, register_code: str, clock: Clock = utc_now) -> None:
        self._database = database
        self._register_code = register_code
        self._clock = clock

    def park(
        self, cart: Cart, cashier_id: int, customer_id: int | None, label: str = ""
    ) -> ParkedSummary:
        """Put `cart` aside; refuses an empty cart."""
        if not cart.lines:
            raise UserError("there is nothing to park; scan an item first")
        label = checked_note(label, what="label", max_length=LABEL_MAX_LENGTH, required=False)
        rules = CheckoutService(self._database, self._register_code, self._clock).pricing_rules()
        with translate_database_errors(), self._database.writer() as uow:
            repo = ParkingRepository(uow.session)
            register_id = repo.register_id(self._register_code)
            if register_id is None:
                raise UserError(f"register {self._register_code} is not set up; sign in again")
            parked = ParkedSale(
                register_id=register_id,
                cashier_id=cashier_id,
                customer_id=customer_id,
                label=label,
                total_minor=price_cart(cart, rules).total_minor,
                cart_json=cart_codec.encode(cart),
                parked_at=self._clock(),
            )
            repo.add(parked)
            row = repo.one(parked.id)
            if row is None:
                raise RuntimeError(f"parked sale {parked.id} vanished before its commit")
            summary = _summary(row)
            uow.commit()
        return summary

    def list_parked(self) -> tuple[ParkedSummary, ...]:
        """Every parked sale on every till, the most recently parked first."""
        with translate_database_errors(), self._database.reader() as uow:
            rows = ParkingRepository(uow.session).all_newest_first()
        return tuple(_summary(row) for row in rows)

    def resume(self, parked_id: int) -> ResumedCart:
        """Take a parked sale back (it leaves the list for every till)."""
        with translate_database_errors(), self._database.writer() as uow:
            parked = ParkingRepository(uow.session).take(parked_id)
            if parked is None:
                raise NotFoundError(ALREADY_RESUMED)
            resumed = ResumedCart(_decode(parked), parked.customer_id)
            uow.commit()
        return resumed


def _decode(parked: ParkedSale) -> Cart:
    try:
        return cart_codec.decode(parked.cart_json)
    except cart_codec.CartFormatError as error:
        raise UserError(
            f"parked sale {parked.id} cannot be read ({error}); ring the items up again"
        ) from error


def _summary(row: ParkedRow) -> ParkedSummary:
    parked = row.parked
    return ParkedSummary(
        id=parked.id,
        label=parked.label,
        register_code=row.register_code,
        cashier_id=parked.cashier_id,
        cashier_name=row.cashier_name,
        customer_id=parked.customer_id,
        item_count=sum(line.quantity for line in _decode(parked).lines),
        total_minor=parked.total_minor,
        parked_at=parked.parked_at,
    )
