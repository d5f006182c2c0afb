"""Grouping sales lines into receipts, and finding the sale a return took back (pure)."""

from datetime import UTC, datetime, timedelta

from pos.db.importing import PastLine
from pos.services.importing.originals import find_original
from pos.services.importing.receipts import group_receipts
from pos.services.importing.rows import Reject, SaleLineRow

T0 = datetime(2011, 5, 1, 9, tzinfo=UTC)


def line(number: int, receipt: str, quantity: int = 1, customer: str = "7",
         minutes: int = 0) -> SaleLineRow:
    return SaleLineRow(number, receipt, T0 + timedelta(minutes=minutes), customer, "A", "Mug",
                       quantity, 250, "United Kingdom")


def test_receipts_take_their_earliest_time_and_online_retail_kinds() -> None:
    receipts, rejects = group_receipts(
        [line(2, "100", minutes=1), line(3, "100"), line(4, "C100", -1)], [],
        cancellation_prefix="C",
    )
    assert rejects == []
    assert [(r.number, r.kind, r.at, len(r.lines)) for r in receipts] == [
        ("100", "sale", T0, 2), ("C100", "return", T0, 1)
    ]


def test_generic_returns_are_receipts_taking_everything_back() -> None:
    receipts, _ = group_receipts([line(2, "R1", -1), line(3, "R2", -1), line(4, "R2", 2)], [],
                                 cancellation_prefix="")
    assert [(r.number, r.kind) for r in receipts] == [("R1", "return"), ("R2", "sale")]


def test_a_bad_line_holds_back_its_whole_receipt() -> None:
    unreadable = Reject(3, "quantity 'x' is not a whole number", holds_receipt="100")
    receipts, rejects = group_receipts(
        [line(2, "100"), line(4, "100"), line(5, "101"), line(6, "C102", 2),
         line(7, "103", customer="8"), line(8, "103", customer="9")],
        [unreadable], cancellation_prefix="C",
    )
    assert [r.number for r in receipts] == ["101"]
    assert {r.line: r.reason for r in rejects} == {
        2: "receipt 100 not imported because line 3 was refused: quantity 'x' is not a whole "
           "number",
        4: "receipt 100 not imported because line 3 was refused: quantity 'x' is not a whole "
           "number",
        6: "cancellation C102 has a positive quantity (2)",
        7: "receipt 103 not imported because line 8 was refused: receipt 103 is for customer "
           "8 on line 7 but 9 here",
        8: "receipt 103 is for customer 8 on line 7 but 9 here",
    }


def past(sale_id: int, days_ago: int, *codes: str) -> list[PastLine]:
    return [PastLine(sale_id, T0 - timedelta(days=days_ago), sale_id * 10 + n, code)
            for n, code in enumerate(codes)]


def test_the_original_is_the_sale_with_most_of_the_products_latest_first() -> None:
    bought = [*past(3, 1, "A"), *past(2, 5, "A", "B"), *past(1, 9, "A", "B")]
    original = find_original(bought, ["A", "B"])
    assert original is not None
    assert original.sale_id == 2
    assert (original.line_for("A", 0), original.line_for("B", 0), original.line_for("B", 3),
            original.line_for("Z", 0)) == (20, 21, 21, None)
    latest = find_original(bought, ["A"])
    assert latest is not None
    assert latest.sale_id == 3


def test_no_original_without_a_sale_of_the_product() -> None:
    assert find_original(past(1, 1, "X", "Y"), ["A"]) is None
    assert find_original([], ["A"]) is None
