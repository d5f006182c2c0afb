import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.domain.errors import UserError
from pos.domain.tender import (
    Settlement,
    Tender,
    TenderMethod,
    parse_tendered,
    quick_cash_amounts,
    settle,
)


def cash(amount: int) -> Tender:
    return Tender("cash", amount)


def card(amount: int) -> Tender:
    return Tender("card", amount, "AUTH123")


@pytest.mark.parametrize("amount", [0, -1, -500])
@pytest.mark.parametrize("method", ["cash", "voucher", "store_credit"])
def test_payments_must_be_more_than_zero(method: str, amount: int) -> None:
    with pytest.raises(UserError, match="a payment must be more than 0; enter the amount paid"):
        Tender(method, amount)  # type: ignore[arg-type]


@pytest.mark.parametrize("reference", ["", "   "])
def test_card_payment_needs_the_approval_code(reference: str) -> None:
    with pytest.raises(UserError, match="needs the approval code from the card terminal"):
        Tender("card", 100, reference)


def test_unknown_method_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="tender method is one of"):
        Tender("cheque", 100)  # type: ignore[arg-type]


def test_exact_cash_completes_without_change() -> None:
    assert settle(1234, [cash(1234)]) == Settlement(1234, 0, 0, True)


def test_cash_over_the_amount_gives_change() -> None:
    assert settle(1234, [cash(2000)]) == Settlement(2000, 766, 0, True)


def test_part_payment_leaves_the_rest_due() -> None:
    assert settle(1234, [card(1000)]) == Settlement(1000, 0, 234, False)
    assert settle(1234, []) == Settlement(0, 0, 1234, False)


@pytest.mark.parametrize(
    "tenders",
    [
        [card(1000), cash(500)],
        [cash(200), card(1000), Tender("voucher", 34, "V-1")],
        [Tender("store_credit", 234), card(1000)],
        [Tender("voucher", 1000), Tender("store_credit", 100), cash(134)],
    ],
)
def test_split_payments_in_any_order(tenders: list[Tender]) -> None:
    result = settle(1234, tenders)
    assert result.complete
    assert result.remaining_minor == 0
    assert result.paid_minor - result.change_minor == 1234


@pytest.mark.parametrize(
    ("tender", "label"),
    [
        (card(1235), "card"),
        (Tender("voucher", 2000), "voucher"),
        (Tender("store_credit", 1300), "store credit"),
    ],
)
def test_only_cash_may_be_more_than_what_remains(tender: Tender, label: str) -> None:
    expected = f"a {label} payment cannot be more than the 12.34 still due; only cash gives change"
    with pytest.raises(UserError, match=re.escape(expected)):
        settle(1234, [tender])


def test_the_limit_for_non_cash_is_what_remains_after_earlier_payments() -> None:
    with pytest.raises(UserError, match=r"more than the 2\.34 still due"):
        settle(1234, [cash(1000), card(300)])


def test_payment_after_the_sale_is_paid_is_refused() -> None:
    with pytest.raises(UserError, match="the sale is already paid; remove payment 2"):
        settle(1234, [cash(2000), card(1)])


def test_amounts_in_messages_use_the_currency_exponent() -> None:
    with pytest.raises(UserError, match="more than the 1234 still due"):
        settle(1234, [card(2000)], exponent=0)


def test_a_negative_amount_due_is_not_a_sale() -> None:
    with pytest.raises(ValueError, match="refund"):
        settle(-1, [])


# cash rounding (CHF 0.05)


def test_cash_rounding_rounds_what_cash_pays_when_it_finishes_the_sale() -> None:
    assert settle(1003, [cash(1005)], cash_rounding_minor=5) == Settlement(1005, 0, 0, True, 2)
    assert settle(1002, [cash(1000)], cash_rounding_minor=5) == Settlement(1000, 0, 0, True, -2)
    assert settle(1003, [cash(2000)], cash_rounding_minor=5) == Settlement(2000, 995, 0, True, 2)


def test_cash_rounding_does_not_touch_card_payments() -> None:
    assert settle(1003, [card(1003)], cash_rounding_minor=5) == Settlement(1003, 0, 0, True)
    after_card = settle(1003, [card(500), cash(505)], cash_rounding_minor=5)
    assert after_card == Settlement(1005, 0, 0, True, 2)


def test_cash_short_of_the_rounded_amount_leaves_the_unrounded_rest_due() -> None:
    assert settle(1003, [cash(1000)], cash_rounding_minor=5) == Settlement(1000, 0, 3, False)


METHODS: tuple[TenderMethod, ...] = ("cash", "card", "voucher", "store_credit")


@given(st.integers(0, 100_000), st.sampled_from([1, 5, 10]), st.data())
def test_any_accepted_sequence_of_payments_balances(
    due: int, step: int, data: st.DataObject
) -> None:
    tenders: list[Tender] = []
    result = settle(due, tenders, cash_rounding_minor=step)
    while not result.complete and data.draw(st.booleans()):
        method = data.draw(st.sampled_from(METHODS))
        most = 2 * result.remaining_minor + step if method == "cash" else result.remaining_minor
        tenders.append(Tender(method, data.draw(st.integers(1, most)), "A1"))
        result = settle(due, tenders, cash_rounding_minor=step)

    assert result.paid_minor == sum(tender.amount_minor for tender in tenders)
    assert (
        result.paid_minor - result.change_minor
        == due - result.remaining_minor + result.rounding_minor
    )
    assert 0 <= result.remaining_minor <= due
    assert result.complete == (result.remaining_minor == 0)
    assert abs(result.rounding_minor) <= step // 2
    if result.change_minor or result.rounding_minor:
        assert tenders[-1].method == "cash"


# typing the amount tendered


@pytest.mark.parametrize(("text", "minor"), [("20", 2000), ("20.5", 2050), (" 7.25 ", 725)])
def test_parse_tendered_reads_amounts(text: str, minor: int) -> None:
    assert parse_tendered(text) == minor


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "enter the amount the customer gave, like 20.00"),
        ("  ", "enter the amount the customer gave, like 20.00"),
        ("abc", "'abc' is not an amount; write it like 2.50"),
        ("£20", "is not an amount"),
        ("-5", "'-5' is negative; enter the amount the customer gave, like 20.00"),
        ("1.234", "'1.234' has more than 2 decimal places"),
        ("0", "the amount given must be more than 0; enter it like 20.00"),
    ],
)
def test_parse_tendered_explains_bad_input(text: str, message: str) -> None:
    with pytest.raises(UserError) as refused:
        parse_tendered(text)
    assert message in refused.value.message


def test_parse_tendered_in_a_currency_without_minor_units() -> None:
    assert parse_tendered("1500", exponent=0) == 1500
    with pytest.raises(UserError, match="more than 0 decimal places"):
        parse_tendered("1500.5", exponent=0)
    with pytest.raises(UserError, match=r"like 20$"):
        parse_tendered("", exponent=0)


@pytest.mark.parametrize(
    ("due", "amounts"),
    [
        (1234, (1234, 1500, 2000, 5000)),
        (1000, (1000, 2000, 5000)),
        (2000, (2000, 5000)),
        (5000, (5000, 6000)),  # three £20 notes
        (1, (1, 500, 1000, 2000, 5000)),
        (12345, (12345, 12500, 13000, 14000, 15000)),
        (0, ()),
    ],
)
def test_quick_cash_amounts(due: int, amounts: tuple[int, ...]) -> None:
    assert quick_cash_amounts(due) == amounts


def test_quick_cash_amounts_with_other_notes() -> None:
    assert quick_cash_amounts(730, notes=(1000, 500)) == (730, 1000)
    with pytest.raises(ValueError, match="positive"):
        quick_cash_amounts(730, notes=(0,))
