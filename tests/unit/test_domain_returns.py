import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.domain.errors import UserError
from pos.domain.returns import ReturnableLine, ReturnLine, plan_return


def milk(sold: int = 3, returned: int = 0, total: int = 1000, tax: int = 0) -> ReturnableLine:
    return ReturnableLine(1, 11, "Milk", sold, returned, total, tax)


def test_units_refund_the_line_total_to_the_penny() -> None:
    assert milk().unit_paid_minor == 333
    refunds = [plan_return([milk(returned=done)], {1: 1})[0].refund_minor for done in range(3)]
    assert refunds == [334, 333, 333]
    assert plan_return([milk()], {1: 3})[0].refund_minor == 1000


def test_the_tax_in_a_refund_is_shared_the_same_way() -> None:
    line = milk(total=1000, tax=167)
    assert plan_return([line], {1: 2}) == (ReturnLine(1, 11, "Milk", 2, 667, 112),)


def test_a_return_covers_several_lines_in_line_order() -> None:
    bread = ReturnableLine(2, 12, "Bread", 1, 0, 150)
    planned = plan_return([milk(), bread], {2: 1, 1: 2})
    assert [(line.line_no, line.quantity, line.refund_minor) for line in planned] == [
        (1, 2, 667),
        (2, 1, 150),
    ]


@given(st.integers(1, 60), st.integers(0, 500_000), st.data())
def test_any_partition_of_the_units_refunds_exactly_the_total(
    sold: int, total: int, data: st.DataObject
) -> None:
    tax = data.draw(st.integers(0, total))
    returned, refunded, tax_refunded = 0, 0, 0
    while returned < sold:
        quantity = data.draw(st.integers(1, sold - returned))
        (line,) = plan_return([milk(sold, returned, total, tax)], {1: quantity})
        refunded += line.refund_minor
        tax_refunded += line.tax_minor
        returned += quantity
    assert (refunded, tax_refunded) == (total, tax)


def test_more_than_remains_is_refused_naming_the_item_and_what_is_left() -> None:
    with pytest.raises(UserError, match="only 2 of Milk can still be returned, not 3"):
        plan_return([milk(returned=1)], {1: 3})


def test_a_line_already_returned_in_full_is_refused() -> None:
    with pytest.raises(UserError, match="all 3 of Milk have already been returned"):
        plan_return([milk(returned=3)], {1: 1})


@pytest.mark.parametrize("quantity", [0, -1])
def test_zero_or_negative_quantities_are_refused(quantity: int) -> None:
    with pytest.raises(UserError, match="the quantity of Milk to return must be at least 1"):
        plan_return([milk()], {1: quantity})


def test_lines_not_on_the_receipt_and_empty_returns_are_refused() -> None:
    with pytest.raises(UserError, match="line 9 is not on this receipt"):
        plan_return([milk()], {9: 1})
    with pytest.raises(UserError, match="choose at least one item to return"):
        plan_return([milk()], {})


@pytest.mark.parametrize(
    ("sold", "returned", "total"), [(0, 0, 100), (2, 3, 100), (2, -1, 100), (2, 0, -1)]
)
def test_impossible_sold_lines_are_programming_errors(sold: int, returned: int, total: int) -> None:
    with pytest.raises(ValueError, match="line 1"):
        milk(sold, returned, total)
