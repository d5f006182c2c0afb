"""Test data in one place: shops, cashiers, and a clock that stands still."""

from datetime import UTC, datetime

from pos.db.database import Database
from pos.db.models import User
from pos.db.repositories import ShopRepository
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
