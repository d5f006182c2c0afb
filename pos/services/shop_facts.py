"""The facts about the shop that customer records and imports depend on: its country (for
phone numbers), its time zone (for "today" and for times in files) and its currency's
decimal places (for amounts in files)."""

from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.numbers import get_currency_precision

from pos.db.database import Database
from pos.db.repositories import ShopRepository
from pos.domain.errors import UserError


@dataclass(frozen=True, slots=True)
class ShopFacts:
    name: str
    country: str
    """ISO 3166 region code, e.g. "GB": how phone numbers without +country are read."""
    currency: str
    exponent: int
    """Decimal places of the currency (2 for GBP, 0 for JPY)."""
    zone: ZoneInfo
    locale: str = "en_GB"
    """How the shop writes numbers, money and dates (a Babel locale name)."""


def load_shop_facts(database: Database) -> ShopFacts:
    with database.reader() as uow:
        shop = ShopRepository(uow.session).shop()
    if shop is None:
        raise UserError("the shop is not set up yet; open the till once (`pos`) to set it up")
    try:
        zone = ZoneInfo(shop.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise UserError(
            f"the shop's time zone {shop.timezone!r} is unknown; set a zone such as Europe/London"
        ) from None
    return ShopFacts(
        name=shop.name,
        country=shop.country.upper(),
        currency=shop.currency,
        exponent=get_currency_precision(shop.currency),
        zone=zone,
        locale=shop.locale,
    )
