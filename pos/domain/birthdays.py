"""Birthdays as shops keep them: day and month always, the year only if given."""

from datetime import date


def birthday_in(year: int, day: int, month: int) -> date:
    """The date of the birthday in `year`; 29 February falls on 28 February in other years."""
    if (month, day) == (2, 29):
        try:
            return date(year, 2, 29)
        except ValueError:
            return date(year, 2, 28)
    return date(year, month, day)


def days_until_birthday(day: int, month: int, today: date) -> int:
    """0 on the birthday, else how many days until the next one."""
    this_year = birthday_in(today.year, day, month)
    if this_year >= today:
        return (this_year - today).days
    return (birthday_in(today.year + 1, day, month) - today).days


def is_valid_birthday(day: int, month: int, year: int | None = None) -> bool:
    """Whether the day exists in that month (29 February needs a leap year only if one is
    given)."""
    if not 1 <= month <= 12:
        return False
    check_year = year if year is not None else 2000  # a leap year: 29 February allowed
    try:
        date(check_year, month, day)
    except ValueError:
        return False
    return True


def age_on(birth_year: int, day: int, month: int, today: date) -> int:
    """How old someone born on that day is `today`."""
    had_birthday = today >= birthday_in(today.year, day, month)
    return today.year - birth_year - (0 if had_birthday else 1)


