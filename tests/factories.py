"""Test data in one place: shops, cashiers, a till ready to sell, and a clock that stands still."""

import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Self

from pypdf import PdfReader
from sqlalchemy import func, select

from pos.db.base import Base
from pos.db.database import Database
from pos.db.models import Category, Customer, Product, ProductBarcode, TaxRate, User, Voucher
from pos.db.repositories import ShopRepository
from pos.domain.cart import Cart, CartLine
from pos.domain.tender import Tender
from pos.domain.text import search_key
from pos.services.checkout import CheckoutService, CompletedSale, SaleRequest
from pos.services.parking import ParkingService
from pos.services.pins import hash_pin
from pos.services.returns import CompletedReturn, RefundMethod, ReturnsService
from pos.services.shifts import ShiftService
from pos.services.shop_setup import NewShop, ShopSetupService
from pos.services.till_session import TillSessionService

FIXED_NOW = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)
OWNER_PIN = "9999"
CASHIER_PIN = "1234"


def fixed_clock() -> datetime:
    return FIXED_NOW


def make_shop(database: Database, *, name: str = "Corner Shop", demo: bool = False) -> None:
    """A shop with an owner (PIN 9999) and a cashier "Alex" (PIN 1234)."""
    ShopSetupService(database, "1", fixed_clock).create_shop(NewShop(name, "Olivia", OWNER_PIN))
    with database.writer() as uow:
        repo = ShopRepository(uow.session)
        repo.add(User(name="Alex", role="cashier", pin_hash=hash_pin(CASHIER_PIN),
                      created_at=FIXED_NOW))
        shop = repo.shop()
        assert shop is not None
        shop.is_demo = demo
        uow.commit()


def add_product(
    database: Database,
    code: str,
    name: str,
    price_minor: int,
    *,
    rate_bp: int = 2000,
    barcodes: tuple[str, ...] = (),
    active: bool = True,
) -> int:
    """A product (creating its tax rate if needed); returns its id."""
    with database.writer() as uow:
        session = uow.session
        rate = session.query(TaxRate).filter_by(rate_bp=rate_bp).first()
        if rate is None:
            rate = TaxRate(code=f"R{rate_bp}", name=f"{rate_bp / 100:g} %", rate_bp=rate_bp)
            session.add(rate)
            session.flush()
        product = Product(
            code=code, name=name, search_text=search_key(name, code), price_minor=price_minor,
            tax_rate_id=rate.id, active=active, created_at=FIXED_NOW, updated_at=FIXED_NOW,
        )
        session.add(product)
        session.flush()
        session.add_all(ProductBarcode(product_id=product.id, barcode=b) for b in barcodes)
        product_id = product.id
        uow.commit()
    return product_id


def add_voucher(database: Database, code: str, balance_minor: int) -> None:
    with database.writer() as uow:
        uow.session.add(
            Voucher(code=code, kind="voucher", issued_minor=balance_minor,
                    balance_minor=balance_minor, created_at=FIXED_NOW)
        )
        uow.commit()


def add_customer(database: Database, name: str) -> int:
    """A customer with only a name; returns their id."""
    with database.writer() as uow:
        customer = Customer(name=name, search_text=search_key(name), created_at=FIXED_NOW)
        uow.session.add(customer)
        uow.session.flush()
        customer_id = customer.id
        uow.commit()
    return customer_id


def set_opening_float(database: Database, amount_minor: int, register_code: str = "1") -> None:
    """Give the register's open shift an opening float (sign-in opens shifts with none)."""
    with database.writer() as uow:
        repo = ShopRepository(uow.session)
        register = repo.register(register_code)
        assert register is not None, f"sign in on register {register_code} first"
        shift = repo.open_shift(register.id)
        assert shift is not None, f"sign in on register {register_code} first"
        shift.opening_float_minor = amount_minor
        uow.commit()


def sign_in_cashier(database: Database, register_code: str = "1") -> int:
    """Sign the cashier Alex in on the register (opening a shift if none is open); Alex's id."""
    sessions = TillSessionService(database, register_code, fixed_clock)
    alex = next(c.id for c in sessions.sign_in_choices().cashiers if c.name == "Alex")
    sessions.sign_in(alex, CASHIER_PIN)
    return alex


def sell(
    database: Database,
    cashier_id: int,
    cart: Cart,
    *tenders: Tender,
    customer_id: int | None = None,
    register_code: str = "1",
) -> CompletedSale:
    """Complete a sale through the checkout service, with the shop's pricing rules."""
    checkout = CheckoutService(database, register_code, fixed_clock)
    request = SaleRequest(str(uuid.uuid4()), cashier_id, cart, tenders, customer_id)
    return checkout.complete_sale(request, checkout.pricing_rules())


def row_counts(database: Database, *models: type[Base]) -> dict[str, int]:
    """How many rows each model's table holds, by table name (for "nothing was written")."""
    with database.reader() as uow:
        return {
            model.__tablename__: int(
                uow.session.scalar(select(func.count()).select_from(model)) or 0
            )
            for model in models
        }


@dataclass
class TillFixture:
    """A shop with the cashier Alex signed in on register 1 (its shift open, no float),
    a mug "M1" (4.50, 20 % VAT) and a card "C1" (2.50, no VAT); `open` sets it all up.

    `checkout`, `parking`, `returns` and `shifts` are the services of register 1.
    """

    database: Database
    cashier_id: int
    mug_id: int
    card_id: int
    checkout: CheckoutService = field(init=False, repr=False)
    parking: ParkingService = field(init=False, repr=False)
    returns: ReturnsService = field(init=False, repr=False)
    shifts: ShiftService = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.checkout = CheckoutService(self.database, "1", fixed_clock)
        self.parking = ParkingService(self.database, "1", fixed_clock)
        self.returns = ReturnsService(self.database, "1", fixed_clock)
        self.shifts = ShiftService(self.database, "1", fixed_clock)

    @classmethod
    def open(cls, database: Database) -> Self:
        make_shop(database)
        alex = sign_in_cashier(database)
        mug = add_product(database, "M1", "Cat Mug", 450)
        card = add_product(database, "C1", "Birthday Card", 250, rate_bp=0)
        return cls(database, alex, mug, card)

    def mugs(self, quantity: int = 1, *, price_overridden: bool = False) -> CartLine:
        return CartLine(self.mug_id, "M1", "Cat Mug", 450, quantity, 2000,
                        price_overridden=price_overridden)

    def card(self, quantity: int = 1) -> CartLine:
        return CartLine(self.card_id, "C1", "Birthday Card", 250, quantity, 0)

    def request(self, cart: Cart, *tenders: Tender) -> SaleRequest:
        """A sale request by Alex with a fresh idempotency key."""
        return SaleRequest(str(uuid.uuid4()), self.cashier_id, cart, tenders)

    def sell(
        self,
        cart: Cart,
        *tenders: Tender,
        customer_id: int | None = None,
        register_code: str = "1",
    ) -> CompletedSale:
        """Alex completes a sale (on register 1 unless told), with the shop's pricing rules."""
        return sell(self.database, self.cashier_id, cart, *tenders,
                    customer_id=customer_id, register_code=register_code)

    def give_back(
        self,
        requested: Mapping[int, int],
        *,
        receipt_number: str = "R1-000001",
        refund_method: RefundMethod = "original",
        reason: str = "",
    ) -> CompletedReturn:
        """Alex takes back `requested` (line number -> quantity) of a sale on register 1,
        by default of the first one and refunding to its own tenders."""
        return self.returns.return_items(
            receipt_number, requested, refund_method, self.cashier_id, reason
        )


class TickingClock:
    """A clock that starts at `start` and moves on `step` each time it is read."""

    def __init__(self, start: datetime, step: timedelta | None = None) -> None:
        self._next = start
        self._step = step or timedelta(minutes=1)

    def __call__(self) -> datetime:
        now = self._next
        self._next += self._step
        return now


@dataclass
class ShiftDay:
    """Alex's open shift on a register, on a clock that ticks a minute per step."""

    database: Database
    register_code: str
    clock: TickingClock
    cashier_id: int

    def sell(
        self, cart: Cart, *tenders: Tender, customer_id: int | None = None
    ) -> CompletedSale:
        checkout = CheckoutService(self.database, self.register_code, self.clock)
        request = SaleRequest(str(uuid.uuid4()), self.cashier_id, cart, tenders, customer_id)
        return checkout.complete_sale(request, checkout.pricing_rules())

    def give_back(self, receipt_number: str, requested: dict[int, int]) -> CompletedReturn:
        """Return line number -> quantity of a sale, refunded to its own tenders."""
        returns = ReturnsService(self.database, self.register_code, self.clock)
        return returns.return_items(receipt_number, requested, "original", self.cashier_id)


@contextmanager
def shift_at(
    database: Database,
    start: datetime,
    register_code: str = "1",
    *,
    tick: timedelta | None = None,
    close: bool = True,
) -> Iterator[ShiftDay]:
    """Alex signs in at `start` (opening a shift) and trades in the block on a clock that
    moves on `tick` (a minute) per reading; then the shift is closed with the drawer
    counted as expected (in pennies), unless `close` is False."""
    clock = TickingClock(start, tick)
    sessions = TillSessionService(database, register_code, clock)
    alex = next(c.id for c in sessions.sign_in_choices().cashiers if c.name == "Alex")
    sessions.sign_in(alex, CASHIER_PIN)
    yield ShiftDay(database, register_code, clock, alex)
    if close:
        shifts = ShiftService(database, register_code, clock)
        shifts.close_shift(alex, {1: max(0, shifts.x_report().expected_cash_minor)})


def pdf_text(path: Path) -> str:
    """The text of every page of a PDF, as pypdf extracts it."""
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


class ManualClock:
    """A clock that shows `now` until the test moves it (`advance`, or set `now`)."""

    def __init__(self, now: datetime = FIXED_NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


def add_staff(database: Database, name: str, role: str = "cashier") -> int:
    """Another member of staff (PIN 1234); returns their id."""
    with database.writer() as uow:
        user = User(name=name, role=role, pin_hash=hash_pin(CASHIER_PIN), created_at=FIXED_NOW)
        ShopRepository(uow.session).add(user)
        user_id = user.id
        uow.commit()
    return user_id


def staff_id(database: Database, name: str) -> int:
    with database.reader() as uow:
        return int(uow.session.scalars(select(User.id).where(User.name == name)).one())


def set_shop_timezone(database: Database, zone: str) -> None:
    with database.writer() as uow:
        shop = ShopRepository(uow.session).shop()
        assert shop is not None
        shop.timezone = zone
        uow.commit()


def mark_customer_erased(database: Database, customer_id: int, at: datetime = FIXED_NOW) -> None:
    """What erasure leaves of a customer record here: `erased_at` set, the name gone."""
    with database.writer() as uow:
        customer = uow.session.get(Customer, customer_id)
        assert customer is not None
        customer.name, customer.search_text, customer.erased_at = "Erased customer", "", at
        uow.commit()


def sell_at(
    database: Database,
    clock: ManualClock,
    cashier_id: int,
    cart: Cart,
    *tenders: Tender,
    customer_id: int | None = None,
    register_code: str = "1",
) -> CompletedSale:
    """Complete a sale at the clock's time."""
    checkout = CheckoutService(database, register_code, clock)
    request = SaleRequest(str(uuid.uuid4()), cashier_id, cart, tenders, customer_id)
    return checkout.complete_sale(request, checkout.pricing_rules())


# After the sale: product categories for the follow-up rules (issue 8).


def add_category(database: Database, name: str, *product_ids: int) -> int:
    """A category holding the given products; returns its id."""
    with database.writer() as uow:
        category = Category(name=name)
        uow.session.add(category)
        uow.session.flush()
        for product_id in product_ids:
            product = uow.session.get(Product, product_id)
            assert product is not None
            product.category_id = category.id
        category_id = category.id
        uow.commit()
    return category_id

