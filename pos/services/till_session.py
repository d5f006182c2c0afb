"""Who is at the till: the shop, its cashiers, signing in and the open shift."""

from dataclasses import dataclass
from datetime import datetime

from pos.db.database import Database
from pos.db.models import Register, Shift
from pos.db.repositories import ShopRepository
from pos.domain.clock import Clock, utc_now
from pos.domain.errors import EnvironmentProblemError, UserError
from pos.services.pins import pin_matches


@dataclass(frozen=True)
class ShopInfo:
    name: str
    currency: str
    timezone: str
    locale: str
    is_demo: bool
    register_code: str
    thank_you: str


@dataclass(frozen=True)
class Cashier:
    id: int
    name: str
    role: str


@dataclass(frozen=True)
class ShiftInfo:
    id: int
    opened_at: datetime
    opening_float_minor: int


@dataclass(frozen=True)
class SignedIn:
    """The till is ready to sell: a cashier signed in on a register with an open shift."""

    shop: ShopInfo
    cashier: Cashier
    shift: ShiftInfo


@dataclass(frozen=True)
class SignInChoices:
    """What the sign-in screen shows."""

    shop: ShopInfo
    cashiers: tuple[Cashier, ...]


DEMO_FLOAT_MINOR = 100_00
BACK_OFFICE_ROLES = frozenset({"manager", "owner"})
"""Roles that open reports, the service review, win-back and settings."""


class TillSessionService:
    def __init__(self, database: Database, register_code: str, clock: Clock = utc_now) -> None:
        self._database = database
        self._register_code = register_code
        self._clock = clock

    def opening_choices(self) -> SignInChoices | None:
        """What to show first: None when the database has no shop yet (first run)."""
        with self._database.reader() as uow:
            if ShopRepository(uow.session).shop() is None:
                return None
        return self.sign_in_choices()

    def sign_in_choices(self) -> SignInChoices:
        with self._database.reader() as uow:
            repo = ShopRepository(uow.session)
            shop = self._shop_info(repo)
            cashiers = tuple(Cashier(u.id, u.name, u.role) for u in repo.active_users())
        return SignInChoices(shop, cashiers)

    def sign_in(self, cashier_id: int, pin: str, opening_float_minor: int = 0) -> SignedIn:
        """Check the PIN and open a shift on this register if none is open, with the
        counted float (ignored when a shift is already open)."""
        if opening_float_minor < 0:
            raise UserError("the float cannot be negative; count the drawer again")
        with self._database.writer() as uow:
            repo = ShopRepository(uow.session)
            user = repo.user(cashier_id)
            if user is None or not user.active or not pin_matches(user.pin_hash, pin):
                raise UserError("wrong PIN; try again")
            signed_in = self._open_shift(
                repo, user.id, user.name, user.role, opening_float_minor
            )
            uow.commit()
        return signed_in

    def authorise_back_office(self, pin: str) -> Cashier:
        """The manager or owner whose PIN this is (the back office is theirs, not a cashier's)."""
        with self._database.reader() as uow:
            repo = ShopRepository(uow.session)
            for user in repo.active_users():
                if user.role in BACK_OFFICE_ROLES and pin_matches(user.pin_hash, pin):
                    return Cashier(user.id, user.name, user.role)
        raise UserError("that is not a manager's or the owner's PIN; ask one to sign in here")

    def demo_sign_in(self) -> SignedIn:
        """On a demo shop: sign in the first cashier and open a shift with the demo float."""
        with self._database.writer() as uow:
            repo = ShopRepository(uow.session)
            shop = repo.shop()
            if shop is None or not shop.is_demo:
                raise UserError("automatic sign-in is only for the demo shop")
            cashiers = [u for u in repo.active_users() if u.role == "cashier"]
            if not cashiers:
                raise UserError("the demo shop has no cashier")
            user = cashiers[0]
            signed_in = self._open_shift(repo, user.id, user.name, user.role, DEMO_FLOAT_MINOR)
            uow.commit()
        return signed_in

    def _open_shift(
        self, repo: ShopRepository, user_id: int, name: str, role: str, float_minor: int
    ) -> SignedIn:
        shop = self._shop_info(repo)
        register = self._register(repo)
        shift = repo.open_shift(register.id)
        if shift is None:
            shift = Shift(
                register_id=register.id,
                opened_by_id=user_id,
                opened_at=self._clock(),
                opening_float_minor=float_minor,
            )
            repo.add(shift)
        return SignedIn(
            shop,
            Cashier(user_id, name, role),
            ShiftInfo(shift.id, shift.opened_at, shift.opening_float_minor),
        )

    def _register(self, repo: ShopRepository) -> Register:
        register = repo.register(self._register_code)
        if register is None:
            register = Register(
                code=self._register_code,
                name=f"Till {self._register_code}",
                last_receipt_seq=0,
                created_at=self._clock(),
            )
            repo.add(register)
        return register

    def _shop_info(self, repo: ShopRepository) -> ShopInfo:
        shop = repo.shop()
        if shop is None:
            raise EnvironmentProblemError(
                "the database has no shop set up; run `pos demo` for a demo shop"
            )
        return ShopInfo(
            shop.name, shop.currency, shop.timezone, shop.locale, shop.is_demo,
            self._register_code, shop.default_thank_you,
        )
