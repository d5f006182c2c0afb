"""Shops, sales and settings for the receipt and printer tests."""

from pathlib import Path

from pos.config import Settings
from pos.db.database import Database
from pos.db.models import Setting
from pos.db.receipts import RECEIPT_QR_SETTING
from pos.db.repositories import ShopRepository
from pos.domain.cart import Cart, Discount
from pos.domain.tender import Tender
from pos.services.checkout import CompletedSale
from pos.services.printing import PrintService
from tests.factories import FIXED_NOW, ManualClock, TillFixture, add_customer

TIMEOUT = 0.5
"""Seconds the test printer may take to answer (the till's is 3)."""


def describe_shop(database: Database, *, qr_url: str | None = None) -> None:
    """Give the shop an address and VAT number (and a feedback link for the QR code)."""
    with database.writer() as uow:
        shop = ShopRepository(uow.session).shop()
        assert shop is not None
        shop.name, shop.address, shop.vat_number = (
            "Café Zoë", "12 Rue de la Paix\nLondon W1 2AB", "GB123456789")
        if qr_url:
            uow.session.add(Setting(key=RECEIPT_QR_SETTING, value=qr_url, updated_at=FIXED_NOW))
        uow.commit()


def mixed_sale(till: TillFixture, *, customer: str | None = "Zoë Müller") -> CompletedSale:
    """Two mugs at 10 % off (20 % VAT) and a card (no VAT): 10.60, paid 5.00 by card and
    10.00 in cash (4.40 change)."""
    cart = Cart((till.mugs(2), till.card())).discount_line(0, Discount("percent", 1000), 10_000)
    customer_id = add_customer(till.database, customer) if customer else None
    return till.sell(cart, Tender("card", 500, "A1B2"), Tender("cash", 1000),
                     customer_id=customer_id)


def card_sale(till: TillFixture) -> CompletedSale:
    return till.sell(Cart((till.card(),)), Tender("card", 250, "C9"))


def print_settings(tmp_path: Path, printer: str, profile: str = "TM-T20II") -> Settings:
    return Settings(data_dir=tmp_path, database_url="sqlite://", receipt_printer=printer,
                    printer_profile=profile)


def shop_till(database: Database) -> TillFixture:
    """The till of `TillFixture`, in a shop with an address and a VAT number."""
    till = TillFixture.open(database)
    describe_shop(database)
    return till


def print_service(till: TillFixture, tmp_path: Path, printer: str, clock: ManualClock,
                  profile: str = "TM-T20II") -> PrintService:
    """The print service of register 1, with a short printer timeout (`TIMEOUT`)."""
    return PrintService(till.database, print_settings(tmp_path, printer, profile), clock=clock,
                        timeout=TIMEOUT)
