"""Test data in one place: shops, cashiers, and a clock that stands still."""

from datetime import UTC, datetime

from pos.db.database import Database
from pos.db.models import Product, ProductBarcode, TaxRate, User, Voucher
from pos.db.repositories import ShopRepository
from pos.domain.text import search_key
from pos.services.pins import hash_pin
from pos.services.shop_setup import NewShop, ShopSetupService

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
