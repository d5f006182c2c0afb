"""First run: create the shop, its first register and its owner."""

from dataclasses import dataclass

from pos.db.database import Database
from pos.db.models import Register, Shop, TaxRate, User
from pos.db.repositories import ShopRepository
from pos.domain.clock import Clock, utc_now
from pos.domain.errors import UserError
from pos.services.pins import hash_pin


@dataclass(frozen=True)
class NewShop:
    name: str
    owner_name: str
    owner_pin: str
    currency: str = "GBP"
    country: str = "GB"
    timezone: str = "Europe/London"
    locale: str = "en_GB"


class ShopSetupService:
    def __init__(self, database: Database, register_code: str, clock: Clock = utc_now) -> None:
        self._database = database
        self._register_code = register_code
        self._clock = clock

    def needs_setup(self) -> bool:
        with self._database.reader() as uow:
            return ShopRepository(uow.session).shop() is None

    def create_shop(self, new: NewShop) -> None:
        """Create the shop with a standard tax rate and its owner; refuses a second shop."""
        name, owner = new.name.strip(), new.owner_name.strip()
        if not name:
            raise UserError("give the shop a name")
        if not owner:
            raise UserError("give your name, as it will show on receipts")
        pin_hash = hash_pin(new.owner_pin)
        now = self._clock()
        with self._database.writer() as uow:
            repo = ShopRepository(uow.session)
            if repo.shop() is not None:
                raise UserError("this database already has a shop")
            repo.add(
                Shop(
                    id=1, name=name, currency=new.currency, country=new.country,
                    timezone=new.timezone, locale=new.locale, created_at=now,
                )
            )
            repo.add(TaxRate(code="STD", name="Standard", rate_bp=2000))
            repo.add(TaxRate(code="ZERO", name="Zero rated", rate_bp=0))
            repo.add(
                Register(code=self._register_code, name=f"Till {self._register_code}",
                         last_receipt_seq=0, created_at=now)
            )
            repo.add(User(name=owner, role="owner", pin_hash=pin_hash, created_at=now))
            uow.commit()
