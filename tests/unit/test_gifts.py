"""Gift marks: what the till's answer means, what is refused, and when the reminder falls."""

from datetime import date

import pytest

from pos.domain.cart import Cart, CartLine
from pos.domain.errors import UserError
from pos.domain.gifts import (
    RECIPIENT_MAX_LENGTH,
    GiftMark,
    GiftOccasion,
    parse_gift,
    reminder_due_on,
    reminder_note,
)


@pytest.mark.parametrize(
    ("answer", "mark"),
    [
        ("Anna, birthday, 2026-12-24", GiftMark("Anna", GiftOccasion.BIRTHDAY, date(2026, 12, 24))),
        ("  Anna   Berg ,Birthday", GiftMark("Anna Berg", GiftOccasion.BIRTHDAY)),
        ("Ben, 2027-06-05, wedding", GiftMark("Ben", GiftOccasion.WEDDING, date(2027, 6, 5))),
        ("Mrs Okafor, thank you", GiftMark("Mrs Okafor", GiftOccasion.THANK_YOU)),
        ("Mrs Okafor, Thank-You", GiftMark("Mrs Okafor", GiftOccasion.THANK_YOU)),
        ("Grandad, xmas", GiftMark("Grandad", GiftOccasion.CHRISTMAS)),
        ("Sam, anniversary,", GiftMark("Sam", GiftOccasion.ANNIVERSARY)),
        ("Chloé", GiftMark("Chloé", GiftOccasion.OTHER)),
    ],
)
def test_the_tills_answer_names_the_recipient_the_occasion_and_a_day(
    answer: str, mark: GiftMark
) -> None:
    assert parse_gift(answer) == mark


@pytest.mark.parametrize("answer", ["", "   ", "\t"])
def test_an_empty_answer_removes_the_mark(answer: str) -> None:
    assert parse_gift(answer) is None


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        (", birthday", "say who the gift is for"),
        ("Anna, divorce", "'divorce' is not an occasion; use one of birthday, wedding, "
                          "anniversary, christmas, thank you, other"),
        ("Anna, 2026-02-30", "2026-02-30 is not a day of the calendar"),
        ("Anna, birthday, wedding", "give one occasion, then a date"),
        ("Anna, 2026-12-24, 2026-12-25", "give one date for the occasion"),
        ("A" * (RECIPIENT_MAX_LENGTH + 1), f"keep it to {RECIPIENT_MAX_LENGTH}"),
    ],
)
def test_answers_that_make_no_mark_say_what_to_type(answer: str, message: str) -> None:
    with pytest.raises(UserError, match=message):
        parse_gift(answer)


def test_a_name_of_the_longest_length_is_kept_whole() -> None:
    name = "B" * RECIPIENT_MAX_LENGTH
    assert GiftMark(f"  {name} ").recipient == name


def test_the_mark_reads_back_as_the_answer_that_made_it() -> None:
    mark = GiftMark("Anna", GiftOccasion.THANK_YOU, date(2026, 12, 24))
    assert mark.text == "Anna, thank you, 2026-12-24"
    assert parse_gift(mark.text) == mark


def test_a_line_or_the_whole_sale_is_marked_and_unmarked() -> None:
    teapot = CartLine(1, "T1", "Teapot", 2400, 1, 2000)
    mug = CartLine(2, "M1", "Mug", 450, 1, 2000)
    anna = GiftMark("Anna", GiftOccasion.BIRTHDAY)
    cart = Cart((teapot, mug)).mark_gift(1, anna)
    assert cart.lines[1].gift == anna
    assert cart.gifts == ((2, anna),)
    whole = cart.mark_gift(None, GiftMark("Ben"))
    assert whole.gifts == ((None, GiftMark("Ben")), (2, anna))
    assert whole.mark_gift(1, None).mark_gift(None, None).gifts == ()


def test_a_gift_line_takes_no_more_scans_of_the_same_item() -> None:
    teapot = CartLine(1, "T1", "Teapot", 2400, 1, 2000)
    cart = Cart((teapot,)).mark_gift(0, GiftMark("Anna")).add(teapot)
    assert [(line.quantity, line.gift) for line in cart.lines] == [
        (1, GiftMark("Anna")), (1, None)
    ]


def test_marking_needs_a_line_there() -> None:
    with pytest.raises(UserError, match="there is no line 3"):
        Cart((CartLine(1, "T1", "Teapot", 2400, 1, 2000),)).mark_gift(2, GiftMark("Anna"))
    with pytest.raises(UserError, match="the sale has no items yet"):
        Cart().mark_gift(None, GiftMark("Anna"))


@pytest.mark.parametrize(
    ("sold_on", "occasion_on", "due"),
    [
        (date(2026, 11, 24), None, date(2027, 11, 17)),
        (date(2026, 12, 10), date(2026, 12, 24), date(2027, 12, 17)),
        (date(2026, 11, 24), date(2026, 11, 20), date(2027, 11, 13)),  # a late present
        (date(2026, 11, 24), date(2015, 12, 10), date(2027, 12, 3)),  # a wedding day, long ago
        (date(2028, 2, 20), date(2028, 2, 29), date(2029, 2, 21)),  # 28 Feb in 2029
        (date(2031, 2, 20), date(2028, 2, 29), date(2032, 2, 22)),  # 29 Feb again in 2032
        (date(2028, 2, 29), None, date(2029, 2, 21)),
        (date(2026, 1, 3), date(2026, 1, 5), date(2026, 12, 29)),  # across the new year
    ],
)
def test_the_reminder_is_due_a_week_before_the_occasion_comes_round_next_year(
    sold_on: date, occasion_on: date | None, due: date
) -> None:
    assert reminder_due_on(sold_on, occasion_on) == due
    assert due > sold_on


def test_the_reminder_says_who_what_for_and_which_item() -> None:
    anna = GiftMark("Anna", GiftOccasion.BIRTHDAY)
    assert reminder_note(anna) == "Last year: a gift for Anna (birthday); anything this year?"
    assert reminder_note(GiftMark("Jo", GiftOccasion.THANK_YOU), "Teapot") == (
        "Last year: a gift for Jo (thank you): Teapot; anything this year?"
    )
