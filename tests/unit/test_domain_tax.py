from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.domain.errors import UserError
from pos.domain.tax import TaxLine, summarise_taxes, tax_of


@pytest.mark.parametrize(
    ("amount", "rate_bp", "inclusive", "tax"),
    [
        (1200, 2000, True, 200),  # 12.00 incl. 20 %: 10.00 + 2.00
        (1000, 2000, False, 200),
        (3, 2000, True, 1),  # 0.5 rounds up
        (2, 2000, True, 0),  # 0.33
        (10, 500, False, 1),  # 0.5 rounds up
        (9, 500, False, 0),  # 0.45
        (999, 0, True, 0),
        (0, 2000, False, 0),
        (1050, 500, True, 50),
    ],
)
def test_tax_of_examples(amount: int, rate_bp: int, inclusive: bool, tax: int) -> None:
    assert tax_of(amount, rate_bp, prices_include_tax=inclusive) == tax


@given(
    st.integers(min_value=0, max_value=10**12),
    st.sampled_from([0, 500, 700, 2000, 2100, 1250]),
    st.booleans(),
)
def test_tax_of_is_nearest_with_halves_up_and_symmetric_for_refunds(
    amount: int, rate_bp: int, inclusive: bool
) -> None:
    denominator = 10000 + rate_bp if inclusive else 10000
    exact = Fraction(amount * rate_bp, denominator)
    tax = tax_of(amount, rate_bp, prices_include_tax=inclusive)
    assert exact - Fraction(1, 2) < tax <= exact + Fraction(1, 2)
    assert tax_of(-amount, rate_bp, prices_include_tax=inclusive) == -tax
    if inclusive:
        assert tax <= amount


def test_negative_rate_is_refused_with_a_message() -> None:
    with pytest.raises(UserError, match="tax rate cannot be negative"):
        tax_of(100, -1, prices_include_tax=True)


def test_summary_groups_by_rate_and_sums_line_taxes() -> None:
    taxed = [(2000, 1200, 200), (0, 300, 0), (2000, 600, 100), (500, 105, 5)]
    assert summarise_taxes(taxed, prices_include_tax=True) == (
        TaxLine(0, 300, 0, 300),
        TaxLine(500, 100, 5, 105),
        TaxLine(2000, 1500, 300, 1800),
    )
    assert summarise_taxes(taxed, prices_include_tax=False) == (
        TaxLine(0, 300, 0, 300),
        TaxLine(500, 105, 5, 110),
        TaxLine(2000, 1800, 300, 2100),
    )
    assert summarise_taxes([], prices_include_tax=True) == ()
