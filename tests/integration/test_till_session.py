import pytest

from pos.db.database import Database
from pos.db.models import Shift
from pos.domain.errors import UserError
from pos.services.shop_setup import NewShop, ShopSetupService
from pos.services.till_session import DEMO_FLOAT_MINOR, TillSessionService
from tests.factories import CASHIER_PIN, fixed_clock, make_shop


def _cashier_id(service: TillSessionService, name: str) -> int:
    return next(c.id for c in service.sign_in_choices().cashiers if c.name == name)


def test_first_run_setup_creates_the_shop_once(database: Database) -> None:
    setup = ShopSetupService(database, "1", fixed_clock)
    assert setup.needs_setup()
    with pytest.raises(UserError, match="4 to 12 digits"):
        setup.create_shop(NewShop("Corner Shop", "Olivia", "12"))
    assert setup.needs_setup()
    setup.create_shop(NewShop("Corner Shop", "Olivia", "2468"))
    assert not setup.needs_setup()
    with pytest.raises(UserError, match="already has a shop"):
        setup.create_shop(NewShop("Another", "Bob", "1357"))


def test_sign_in_checks_the_pin_and_opens_one_shift(database: Database) -> None:
    make_shop(database)
    sessions = TillSessionService(database, "1", fixed_clock)
    alex = _cashier_id(sessions, "Alex")
    with pytest.raises(UserError, match="wrong PIN"):
        sessions.sign_in(alex, "0000")
    first = sessions.sign_in(alex, CASHIER_PIN)
    again = sessions.sign_in(alex, CASHIER_PIN)
    assert first.cashier.name == "Alex"
    assert first.shift.id == again.shift.id
    assert first.shift.opened_at == fixed_clock()
    with database.reader() as uow:
        assert uow.session.query(Shift).count() == 1


def test_demo_sign_in_only_on_a_demo_shop(database: Database) -> None:
    make_shop(database, demo=False)
    sessions = TillSessionService(database, "1", fixed_clock)
    with pytest.raises(UserError, match="only for the demo shop"):
        sessions.demo_sign_in()
    with database.reader() as uow:
        assert uow.session.query(Shift).count() == 0


def test_demo_sign_in_opens_a_shift_with_the_float(database: Database) -> None:
    make_shop(database, demo=True)
    signed_in = TillSessionService(database, "1", fixed_clock).demo_sign_in()
    assert signed_in.cashier.role == "cashier"
    assert signed_in.shift.opening_float_minor == DEMO_FLOAT_MINOR
    assert signed_in.shop.is_demo


def test_a_new_shift_opens_with_the_counted_float(database: Database) -> None:
    make_shop(database)
    sessions = TillSessionService(database, "1", fixed_clock)
    alex = _cashier_id(sessions, "Alex")
    with pytest.raises(UserError, match="cannot be negative"):
        sessions.sign_in(alex, CASHIER_PIN, -100)
    first = sessions.sign_in(alex, CASHIER_PIN, 12_550)
    assert first.shift.opening_float_minor == 12_550
    again = sessions.sign_in(alex, CASHIER_PIN, 99_999)  # shift already open: unchanged
    assert again.shift.opening_float_minor == 12_550
