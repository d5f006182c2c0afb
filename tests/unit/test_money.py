from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.domain.errors import UserError
from pos.domain.money import Money, format_minor, parse_minor, round_half_up


@pytest.mark.parametrize(
    ("text", "minor"),
    [("2.50", 250), ("0", 0), ("-1.05", -105), (" 1,234.5 ", 123450), ("7", 700)],
)
def test_parse_minor_reads_major_units_exactly(text: str, minor: int) -> None:
    assert parse_minor(text) == minor


@pytest.mark.parametrize("text", ["", "abc", "1.234", "NaN", "Infinity", "1.2.3"])
def test_parse_minor_refuses_non_amounts_with_a_message(text: str) -> None:
    with pytest.raises(UserError, match=r"amount|decimal places"):
        parse_minor(text)


@given(st.integers(min_value=-(10**15), max_value=10**15))
def test_format_then_parse_is_identity(minor: int) -> None:
    assert parse_minor(format_minor(minor)) == minor


def test_yen_has_no_minor_digits() -> None:
    assert parse_minor("1500", exponent=0) == 1500
    assert format_minor(1500, exponent=0) == "1500"


@pytest.mark.parametrize(
    ("value", "rounded"), [("2.5", 3), ("-2.5", -3), ("2.4999", 2), ("0.5", 1)]
)
def test_round_half_up_rounds_halves_away_from_zero(value: str, rounded: int) -> None:
    assert round_half_up(Decimal(value)) == rounded


def test_money_adds_and_refuses_mixed_currencies() -> None:
    assert Money(150) + Money(250) == Money(400)
    assert Money(150).times(3) == Money(450)
    assert (-Money(5)).minor == -5
    assert Money(1999).as_decimal() == Decimal("19.99")
    with pytest.raises(ValueError, match="cannot mix"):
        Money(1, "GBP") + Money(1, "EUR")
