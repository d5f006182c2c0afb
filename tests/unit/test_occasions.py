from datetime import date

import pytest

from pos.domain.birthdays import age_on, birthday_in, days_until_birthday, is_valid_birthday
from pos.domain.occasions import Occasion, VisitFacts, is_away_long, occasions_for


def facts(**changes: object) -> VisitFacts:
    base: dict[str, object] = {
        "visit_number": 5, "days_since_last_visit": 7, "usual_gap_days": 7.0,
        "past_visits": 4, "days_to_birthday": None,
    }
    base.update(changes)
    return VisitFacts(**base)  # type: ignore[arg-type]


def test_29_february_falls_on_28_february_in_other_years() -> None:
    assert birthday_in(2027, 29, 2) == date(2027, 2, 28)
    assert birthday_in(2028, 29, 2) == date(2028, 2, 29)
    assert days_until_birthday(29, 2, date(2027, 2, 27)) == 1
    assert days_until_birthday(29, 2, date(2027, 2, 28)) == 0


def test_days_until_birthday_wraps_into_next_year() -> None:
    assert days_until_birthday(24, 11, date(2026, 11, 24)) == 0
    assert days_until_birthday(2, 1, date(2026, 12, 30)) == 3
    assert days_until_birthday(23, 11, date(2026, 11, 24)) == 364


@pytest.mark.parametrize(
    ("day", "month", "year", "valid"),
    [(31, 2, None, False), (29, 2, None, True), (29, 2, 2023, False), (29, 2, 2024, True),
     (31, 4, None, False), (31, 12, 1980, True), (1, 13, None, False), (0, 5, None, False)],
)
def test_birthday_validity(day: int, month: int, year: int | None, valid: bool) -> None:
    assert is_valid_birthday(day, month, year) is valid


def test_age() -> None:
    assert age_on(1980, 25, 11, date(2026, 11, 24)) == 45
    assert age_on(1980, 24, 11, date(2026, 11, 24)) == 46


def test_weekly_regular_away_four_weeks_is_welcomed_back_twice_yearly_is_not() -> None:
    assert is_away_long(facts(days_since_last_visit=28, usual_gap_days=7.0))
    assert not is_away_long(facts(days_since_last_visit=120, usual_gap_days=180.0))
    assert not is_away_long(facts(days_since_last_visit=20, usual_gap_days=7.0))
    # Too few visits to know their rhythm: only a long absence counts.
    assert not is_away_long(facts(past_visits=2, days_since_last_visit=60))
    assert is_away_long(facts(past_visits=2, days_since_last_visit=200))


def test_rules_fire_in_the_owners_order() -> None:
    birthday_gift = facts(days_to_birthday=3, is_gift=True)
    assert occasions_for(birthday_gift) == (Occasion.BIRTHDAY, Occasion.GIFT, Occasion.DEFAULT)
    gift_first = (Occasion.GIFT, Occasion.BIRTHDAY)
    assert occasions_for(birthday_gift, gift_first)[0] is Occasion.GIFT


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"visit_number": 1, "past_visits": 0, "days_since_last_visit": None},
            Occasion.FIRST_VISIT,
        ),
        ({"visit_number": 10}, Occasion.MILESTONE),
        ({"days_to_birthday": 0}, Occasion.BIRTHDAY),
        ({"days_to_birthday": 8}, Occasion.DEFAULT),
        ({"total_minor": 25_000, "large_purchase_minor": 20_000}, Occasion.LARGE_PURCHASE),
        ({"total_minor": 15_000, "large_purchase_minor": 20_000}, Occasion.DEFAULT),
        ({"has_preferences": True}, Occasion.PREFERENCES),
        ({"days_since_last_visit": 40}, Occasion.WELCOME_BACK),
    ],
)
def test_each_rule_fires_on_the_right_visit(changes: dict[str, object], expected: Occasion) -> None:
    assert occasions_for(facts(**changes))[0] is expected
