"""The rules of a customer record: birthdays, e-mail, names that look alike, preferences."""

from datetime import date

import pytest

from pos.domain.customer_details import (
    Birthday,
    birthday_is_this_week,
    birthday_is_today,
    clean_card,
    clean_language,
    clean_tags,
    customer_search_text,
    make_birthday,
    names_similar,
    normalise_email,
    parse_birthday,
)
from pos.domain.errors import UserError

TODAY = date(2026, 11, 24)


def test_31_february_is_refused_with_what_to_check() -> None:
    with pytest.raises(UserError, match="31 February is not a date; check the birthday's day"):
        make_birthday(31, 2, today=TODAY)


def test_29_february_is_fine_without_a_year_but_needs_a_leap_year_with_one() -> None:
    assert make_birthday(29, 2, today=TODAY) == Birthday(29, 2, None)
    assert make_birthday(29, 2, 2004, today=TODAY) == Birthday(29, 2, 2004)
    with pytest.raises(UserError, match="2001 was not a leap year"):
        make_birthday(29, 2, 2001, today=TODAY)


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        (12, None, None, "both the day and the month"),
        (None, 5, None, "both the day and the month"),
        (None, None, 1980, "not only the year"),
        (1, 13, None, "13 is not a month"),
        (0, 1, None, "0 January is not a date"),
        (1, 1, 1850, "1850 is not a birth year"),
        (1, 1, 2027, "2027 is not a birth year"),
    ],
)
def test_incomplete_or_impossible_birthdays_are_refused(
    day: int | None, month: int | None, year: int | None, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        make_birthday(day, month, year, today=TODAY)


def test_no_birthday_at_all_is_fine() -> None:
    assert make_birthday(None, None, today=TODAY) is None


def test_birthdays_are_read_from_iso_text_with_or_without_a_year() -> None:
    assert parse_birthday("1980-03-07", today=TODAY) == Birthday(7, 3, 1980)
    assert parse_birthday("--03-07", today=TODAY) == Birthday(7, 3, None)
    assert parse_birthday("  ", today=TODAY) is None
    assert Birthday(7, 3, None).iso() == "--03-07"
    with pytest.raises(UserError, match="write it as YYYY-MM-DD, or --MM-DD"):
        parse_birthday("7/3/1980", today=TODAY)
    with pytest.raises(UserError, match="31 February"):
        parse_birthday("1990-02-31", today=TODAY)


def test_birthday_today_and_this_week() -> None:
    assert birthday_is_today(Birthday(24, 11), TODAY)
    assert birthday_is_this_week(Birthday(24, 11), TODAY)
    assert birthday_is_this_week(Birthday(30, 11, 1970), TODAY)  # six days ahead
    assert not birthday_is_this_week(Birthday(1, 12), TODAY)  # seven days ahead
    assert not birthday_is_this_week(Birthday(23, 11), TODAY)  # yesterday: next year's
    assert not birthday_is_today(None, TODAY)
    # 29 February is kept on 28 February in other years.
    assert birthday_is_today(Birthday(29, 2), date(2027, 2, 28))
    assert birthday_is_this_week(Birthday(2, 1), date(2026, 12, 28))  # over new year


def test_email_is_checked_and_kept_as_written_with_a_lower_case_key() -> None:
    assert normalise_email(" Jane.Smith@Example.COM ") == (
        "Jane.Smith@Example.COM", "jane.smith@example.com"
    )
    assert normalise_email("") == ("", "")
    for bad in ("jane", "jane@", "jane@example", "ja ne@example.com", "a@@b.com",
                "jane..smith@example.com"):
        with pytest.raises(UserError, match="is not an e-mail address"):
            normalise_email(bad)


def test_similar_names() -> None:
    assert names_similar("Jane Smith", "jane smith")
    assert names_similar("Smith Jane", "Jane Smith")
    assert names_similar("Jane Smyth", "Jane Smith")
    assert names_similar("J Smith", "Jane Smith")
    assert names_similar("Zoë Brontë", "Zoe Bronte")
    assert not names_similar("John Smith", "Jane Smith")
    assert not names_similar("Jane Smith", "Jane Brown")
    assert not names_similar("", "Jane Smith")


def test_preferences_are_tidied_and_deduplicated() -> None:
    assert clean_tags(["likes  dark roast", "", "Size M", "size m", " oat milk "]) == (
        "likes dark roast", "Size M", "oat milk"
    )
    with pytest.raises(UserError, match="longer than 80 characters"):
        clean_tags(["x" * 81])


def test_cards_languages_and_search_text() -> None:
    assert clean_card(" 1234 5678 ") == "12345678"
    assert clean_card("") is None
    assert clean_language("pt_BR") == "pt_BR"
    with pytest.raises(UserError, match="not a language code"):
        clean_language("Portuguese (Brazil)")
    assert customer_search_text("Zoë Brontë", "C12", "Zoe@Example.com") == (
        "zoe bronte c12 zoe@example.com"
    )
