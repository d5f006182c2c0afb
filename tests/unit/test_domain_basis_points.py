from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.domain.basis_points import format_bp, percent_of, share_half_up


def half_up_reference(amount: int, numerator: int, denominator: int) -> int:
    """Round half away from zero, computed with exact fractions."""
    exact = Fraction(amount * numerator, denominator)
    magnitude = int(abs(exact) + Fraction(1, 2))
    return magnitude if exact >= 0 else -magnitude


@pytest.mark.parametrize(
    ("rate_bp", "text"),
    [
        (1250, "12.5 %"),
        (1000, "10 %"),
        (0, "0 %"),
        (10000, "100 %"),
        (1, "0.01 %"),
        (-550, "-5.5 %"),
    ],
)
def test_format_bp_writes_percent_as_people_do(rate_bp: int, text: str) -> None:
    assert format_bp(rate_bp) == text


def test_percent_of_rounds_half_up() -> None:
    assert percent_of(10, 500) == 1  # 0.5
    assert percent_of(9, 500) == 0  # 0.45
    assert percent_of(-10, 500) == -1
    assert percent_of(12345, 10000) == 12345


@given(
    st.integers(min_value=-(10**40), max_value=10**40),
    st.integers(min_value=0, max_value=10**6),
    st.integers(min_value=1, max_value=10**6),
)
def test_share_half_up_is_exact_for_any_size(amount: int, numerator: int, denominator: int) -> None:
    assert share_half_up(amount, numerator, denominator) == half_up_reference(
        amount, numerator, denominator
    )


def test_share_half_up_needs_a_positive_denominator() -> None:
    with pytest.raises(ValueError, match="denominator must be positive"):
        share_half_up(1, 1, 0)
