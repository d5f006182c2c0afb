"""Rules of promises, complaints and ratings that need no database."""

from datetime import UTC, date, datetime, timedelta

import pytest

from pos.domain.complaints import ComplaintItem, apology_time, checked_remedy
from pos.domain.errors import UserError
from pos.domain.promises import checked_due_on, checked_promise_text
from pos.domain.ratings import (
    checked_stars,
    checked_word,
    feedback_code,
    receipt_number_from_code,
)

NOW = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)


def test_a_promise_is_due_today_or_later() -> None:
    today = date(2026, 11, 24)
    assert checked_due_on(today, today) == today
    with pytest.raises(UserError, match="has passed"):
        checked_due_on(today - timedelta(1), today)
    assert checked_promise_text(" call\n when  back ") == "call when back"
    with pytest.raises(UserError, match="keep it under 500"):
        checked_promise_text("x" * 501)


def test_a_remedy_is_needed_to_close_a_complaint() -> None:
    assert checked_remedy("voucher") == "voucher"
    for missing in (None, ""):
        with pytest.raises(UserError, match="before closing it"):
            checked_remedy(missing)


def test_apology_times() -> None:
    logged = NOW - timedelta(hours=1)
    assert apology_time(NOW, logged, NOW) == NOW
    assert apology_time(logged - timedelta(minutes=3), logged, NOW) == logged
    with pytest.raises(UserError, match="future"):
        apology_time(NOW + timedelta(seconds=1), logged, NOW)


def test_a_complaint_times_its_steps_from_when_it_was_logged() -> None:
    complaint = ComplaintItem(
        id=1, customer_id=None, customer_name="", customer_erased=False, sale_id=None,
        receipt_number="", line_no=None, category="wait", said="Slow", severity="low",
        owner_id=1, owner_name="Olivia", logged_by_id=1, logged_at=NOW, status="resolved",
        apologised_at=NOW, first_response_at=NOW + timedelta(hours=1), response_note="",
        remedy="explanation", resolution_note="", resolved_at=NOW + timedelta(days=1),
        follow_up_id=None,
    )
    assert (complaint.time_to_apology, complaint.time_to_first_response,
            complaint.time_to_resolution) == (timedelta(0), timedelta(hours=1), timedelta(days=1))


@pytest.mark.parametrize("stars", [0, 6])
def test_stars_are_one_to_five(stars: int) -> None:
    with pytest.raises(UserError, match="1 to 5 stars"):
        checked_stars(stars)


def test_the_word_is_short_and_tidy() -> None:
    assert checked_word("  so   kind ") == "so kind"
    with pytest.raises(UserError, match="80 characters"):
        checked_word("x" * 81)


@pytest.mark.parametrize("typed", ["POS-FB:R1-000123", "pos-fb:R1-000123", " POS-FB: R1-000123",
                                   "R1-000123"])
def test_feedback_codes_read_back_as_typed_or_scanned(typed: str) -> None:
    assert feedback_code("R1-000123") == "POS-FB:R1-000123"
    assert receipt_number_from_code(typed) == "R1-000123"


@pytest.mark.parametrize("bad", ["", "POS-FB:", "hello", "POS-FB:123"])
def test_other_text_is_not_a_feedback_code(bad: str) -> None:
    with pytest.raises(UserError, match="is not a feedback code"):
        receipt_number_from_code(bad)
