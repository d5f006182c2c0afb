"""Test data in one place: shops, cashiers, and a clock that stands still."""

import uuid
from datetime import UTC, datetime

from sqlalchemy import func, select

from pos.db.base import Base
from pos.db.database import Database
from pos.db.models import Customer, Product, ProductBarcode, TaxRate, User, Voucher
from pos.db.repositories import ShopRepository
from pos.domain.cart import Cart
from pos.domain.tender import Tender
from pos.domain.text import search_key
from pos.services.checkout import CheckoutService, CompletedSale, SaleRequest
from pos.services.pins import hash_pin
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
