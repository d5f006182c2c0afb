import pytest

from pos.domain.cart import Discount
from pos.domain.discount_text import parse_discount
from pos.domain.errors import UserError
from pos.domain.roles import discount_limit_bp


@pytest.mark.parametrize(
    ("text", "discount"),
    [
        ("10%", Discount("percent", 1000)),
        (" 12.5 % ", Discount("percent", 1250)),
        ("100%", Discount("percent", 10000)),
        ("2.50", Discount("amount", 250)),
        ("0", Discount("amount", 0)),
    ],
)
def test_discounts_as_typed(text: str, discount: Discount) -> None:
    assert parse_discount(text) == discount


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "type a discount"),
        ("ten%", "not a percentage"),
        ("12.345%", "not a percentage"),
        ("150%", "more than 100 %"),
        ("-5%", "cannot be negative"),
        ("2.505", "more than 2 decimal places"),
        ("abc", "not an amount"),
    ],
)
def test_bad_discounts_are_refused(text: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        parse_discount(text)


def test_roles_have_limits() -> None:
    assert discount_limit_bp("cashier") == 2000
    assert discount_limit_bp("owner") == 10000
    assert discount_limit_bp("stranger") == 0
