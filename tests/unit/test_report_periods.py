"""Report periods: local days as UTC ranges (23- and 25-hour days), checks on the dates,
and quarter-hour buckets folded into local days, weeks, months and hours."""

import re
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from pos.domain.errors import UserError
from pos.domain.periods import Period, checked_period, next_month
from pos.domain.sales_calendar import BUCKET_SECONDS, Bucket, SalesCalendar

LONDON = ZoneInfo("Europe/London")
KATHMANDU = ZoneInfo("Asia/Kathmandu")  # UTC+05:45
TODAY = date(2026, 11, 24)


def test_a_day_of_clock_change_is_25_hours_long_in_utc() -> None:
    start, end = Period(date(2026, 10, 25), date(2026, 10, 25)).utc_bounds(LONDON)
    assert start == datetime(2026, 10, 24, 23, 0, tzinfo=UTC)
    assert end - start == timedelta(hours=25)
    start, end = Period(date(2026, 3, 29), date(2026, 3, 29)).utc_bounds(LONDON)
    assert end - start == timedelta(hours=23)


def test_previous_period_has_the_same_length_and_ends_the_day_before() -> None:
    period = Period(date(2026, 11, 1), date(2026, 11, 24))
    assert period.days == 24
    assert period.previous() == Period(date(2026, 10, 8), date(2026, 10, 31))
    assert period.month_starts() == [date(2026, 11, 1)]
    assert Period(date(2025, 12, 30), date(2026, 2, 1)).month_starts() == [
        date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)
    ]
    assert next_month(date(2026, 12, 31)) == date(2027, 1, 1)


def test_checked_period_defaults_to_the_month_so_far() -> None:
    assert checked_period(None, None, TODAY) == Period(date(2026, 11, 1), TODAY)
    assert checked_period(date(2026, 1, 1), None, TODAY) == Period(date(2026, 1, 1), TODAY)
    assert checked_period(None, date(2026, 10, 15), TODAY) == Period(
        date(2026, 10, 1), date(2026, 10, 15)
    )


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (date(2026, 11, 20), date(2026, 11, 2),
         "starts on 2026-11-20, after it ends on 2026-11-02; swap the dates"),
        (None, date(2026, 11, 25), "2026-11-25 is in the future (today is 2026-11-24)"),
        (date(2026, 12, 1), None, "2026-12-01 is in the future"),
    ],
)
def test_checked_period_refuses_bad_dates(
    start: date | None, end: date | None, message: str
) -> None:
    with pytest.raises(UserError, match=re.escape(message)):
        checked_period(start, end, TODAY)


def _bucket_at(moment: datetime, sales: int = 1, minor: int = 100) -> Bucket:
    index = int(moment.timestamp()) // BUCKET_SECONDS
    return Bucket(index, sales, sales * minor, 0, 0)


def test_buckets_fold_into_local_days_across_the_clock_change() -> None:
    period = Period(date(2026, 10, 24), date(2026, 10, 26))
    calendar = SalesCalendar(period, LONDON)
    calendar.add_all([
        _bucket_at(datetime(2026, 10, 24, 22, 59, tzinfo=UTC)),  # 23:59 BST, the 24th
        _bucket_at(datetime(2026, 10, 24, 23, 0, tzinfo=UTC)),  # 00:00 BST, the 25th
        _bucket_at(datetime(2026, 10, 25, 23, 59, tzinfo=UTC)),  # 23:59 GMT, the 25th
        Bucket(int(datetime(2026, 10, 26, 12, tzinfo=UTC).timestamp()) // BUCKET_SECONDS,
               2, 500, 1, -150),
    ])
    days = {figures.day: (figures.sales_count, figures.net_minor) for figures in calendar.days()}
    assert days == {
        date(2026, 10, 24): (1, 100),
        date(2026, 10, 25): (2, 200),
        date(2026, 10, 26): (2, 350),
    }
    hours = calendar.hours()
    assert hours[5][23] == 1  # Saturday 23:00
    assert (hours[6][0], hours[6][23]) == (1, 1)  # Sunday
    assert sum(map(sum, hours)) == 5


def test_quarter_hour_zones_fold_exactly() -> None:
    calendar = SalesCalendar(Period(date(2026, 11, 2), date(2026, 11, 3)), KATHMANDU)
    # 18:14 UTC is 23:59 in Kathmandu; 18:15 UTC is midnight there.
    calendar.add(_bucket_at(datetime(2026, 11, 2, 18, 14, tzinfo=UTC)))
    calendar.add(_bucket_at(datetime(2026, 11, 2, 18, 15, tzinfo=UTC)))
    assert [figures.sales_count for figures in calendar.days()] == [1, 1]


def test_weeks_and_months_cover_only_the_period() -> None:
    period = Period(date(2026, 11, 1), date(2026, 11, 10))  # a Sunday to a Tuesday
    calendar = SalesCalendar(period, UTC)
    calendar.add_all(
        _bucket_at(datetime.combine(day, datetime.min.time(), tzinfo=UTC).replace(hour=12))
        for day in period.dates()
    )
    weeks = calendar.weeks(first_weekday=0)
    assert [(week.day, week.sales_count) for week in weeks] == [
        (date(2026, 11, 1), 1), (date(2026, 11, 2), 7), (date(2026, 11, 9), 2)
    ]
    assert [(month.day, month.net_minor) for month in calendar.months()] == [
        (date(2026, 11, 1), 1000)
    ]
    sunday_weeks = calendar.weeks(first_weekday=6)
    assert [week.day for week in sunday_weeks] == [date(2026, 11, 1), date(2026, 11, 8)]
