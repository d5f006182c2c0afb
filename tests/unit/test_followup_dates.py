"""When a follow-up is due: presets in local days, working days, refusing the past."""

from datetime import date

import pytest

from pos.domain.errors import UserError
from pos.domain.followups import (
    Outcome,
    Preset,
    add_months,
    add_working_days,
    check_kind,
    due_on,
    preset_due_on,
)

FRIDAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("preset", "expected"),
    [
        (Preset.TOMORROW, date(2026, 11, 28)),
        (Preset.IN_3_DAYS, date(2026, 11, 30)),
        (Preset.IN_A_WEEK, date(2026, 12, 4)),
        (Preset.IN_A_MONTH, date(2026, 12, 27)),
        (Preset.NEXT_WORKING_DAY, date(2026, 11, 30)),  # Monday, not Saturday
    ],
)
def test_presets_from_a_friday(preset: Preset, expected: date) -> None:
    assert preset_due_on(preset, FRIDAY) == expected


def test_next_working_day_from_saturday_and_sunday_is_monday() -> None:
    assert add_working_days(date(2026, 11, 28), 1) == date(2026, 11, 30)
    assert add_working_days(date(2026, 11, 29), 1) == date(2026, 11, 30)
    assert add_working_days(FRIDAY, 5) == date(2026, 12, 4)
    assert add_working_days(FRIDAY, 0) == FRIDAY


def test_a_month_later_keeps_to_the_end_of_short_months() -> None:
    assert add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert add_months(date(2026, 12, 15), 1) == date(2027, 1, 15)


def test_a_date_in_the_past_is_refused_today_is_fine() -> None:
    assert due_on(FRIDAY, FRIDAY) == FRIDAY
    assert due_on(date(2027, 3, 1), FRIDAY) == date(2027, 3, 1)
    with pytest.raises(UserError, match=r"2026-11-26 is in the past; choose today \(2026-11-27\)"):
        due_on(date(2026, 11, 26), FRIDAY)


def test_only_reached_new_sale_and_problem_found_close_a_follow_up() -> None:
    assert {o for o in Outcome if o.closes} == {
        Outcome.REACHED, Outcome.NEW_SALE, Outcome.PROBLEM_FOUND
    }


def test_kinds() -> None:
    assert check_kind("sms") == "sms"
    with pytest.raises(UserError, match="one of call, email, sms, visit"):
        check_kind("fax")
