"""Phone numbers in any format: one stored form, and the many ways of typing a piece of it."""

import pytest

from pos.domain.errors import UserError
from pos.services.phones import Phone, PhoneQuery, parse_phone, phone_query


@pytest.mark.parametrize(
    "typed", ["020 7946 0958", "+44 20 7946 0958", "0044 20 7946 0958", "(020) 7946-0958",
              "02079460958"],
)
def test_one_number_written_many_ways_is_one_e164(typed: str) -> None:
    assert parse_phone(typed, "GB") == Phone("+442079460958", "020 7946 0958")


def test_a_foreign_number_is_shown_internationally() -> None:
    assert parse_phone("+33 6 12 34 56 78", "GB") == Phone("+33612345678", "+33 6 12 34 56 78")


@pytest.mark.parametrize("typed", ["12345", "phone me", "020 7946", "+44 999"])
def test_a_number_that_does_not_parse_is_refused_with_an_example(typed: str) -> None:
    with pytest.raises(UserError, match=r"is not a phone number; write it with its area code, "
                                        r"like 0121 234 5678, or with \+"):
        parse_phone(typed, "GB")


def test_no_phone_is_fine() -> None:
    assert parse_phone("  ", "GB") is None


def test_pieces_of_numbers_become_prefixes_or_digit_runs() -> None:
    assert phone_query("07700 900", "GB") == PhoneQuery(exact="+447700900", prefix="+447700900")
    assert phone_query("+44 7700", "GB") == PhoneQuery(exact="+447700", prefix="+447700")
    assert phone_query("0044 7700-9", "GB") == PhoneQuery(exact="+4477009", prefix="+4477009")
    assert phone_query("900 123", "GB") == PhoneQuery(exact="+44900123", digits="900123")
    us_local = phone_query("555-2671", "US")
    assert us_local is not None
    assert (us_local.prefix, us_local.digits) == ("", "5552671")


def test_text_that_is_no_phone_number_is_not_searched_as_one() -> None:
    assert phone_query("jane", "GB") is None
    assert phone_query("123", "GB") is None  # too few digits: a code, perhaps
    assert phone_query("jane 07700 900123", "GB") is None
