import pytest

from pos.domain.cash import DENOMINATIONS_GBP, CashUp, count_cash
from pos.domain.errors import UserError


def test_count_cash_adds_up_the_drawer() -> None:
    assert count_cash({5000: 1, 2000: 2, 100: 3, 5: 1, 1: 2}) == 9307
    assert count_cash({}) == 0
    assert count_cash(dict.fromkeys(DENOMINATIONS_GBP, 1)) == 8888


def test_a_negative_count_is_refused() -> None:
    with pytest.raises(UserError, match=r"the count of 0\.50 cannot be negative; enter 0 or more"):
        count_cash({50: -1})


def test_an_unknown_denomination_is_refused() -> None:
    with pytest.raises(UserError, match=r"3\.00 is not a note or coin of this currency"):
        count_cash({300: 1})


def test_other_currencies_pass_their_denominations() -> None:
    assert count_cash({500: 2, 5: 3}, denominations=(500, 200, 5)) == 1015


def test_cash_up_expects_float_plus_sales_and_ins_minus_refunds_and_outs() -> None:
    shift = CashUp(
        opening_float=10000, cash_sales=25050, cash_refunds=1200, cash_in=500, cash_out=3000
    )
    assert shift.expected_minor == 31350
    assert shift.discrepancy(31350) == 0
    assert shift.discrepancy(31300) == -50  # short
    assert shift.discrepancy(31400) == 50  # over


def test_cash_up_movements_cannot_be_negative() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        CashUp(opening_float=-1, cash_sales=0, cash_refunds=0, cash_in=0, cash_out=0)
