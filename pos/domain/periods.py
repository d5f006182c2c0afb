"""Report periods: whole days in the shop's time zone, and the UTC instants they span.

The database keeps UTC; a shop's "day" runs from its local midnight to the next, which
is 23 or 25 hours long on the days the clocks change.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from pos.domain.errors import UserError

ONE_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Period:
    """The days from `start` to `end`, both included."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"a period cannot start ({self.start}) after it ends ({self.end})")

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> "Period":
        """The period of the same length that ends the day before this one starts."""
        end = self.start - ONE_DAY
        return Period(end - timedelta(days=self.days - 1), end)

    def dates(self) -> Iterator[date]:
        return (self.start + timedelta(days=number) for number in range(self.days))

    def month_starts(self) -> list[date]:
        """The first day of every month the period touches, in order."""
        months, month = [], self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = next_month(month)
        return months

    def utc_bounds(self, zone: tzinfo) -> tuple[datetime, datetime]:
        """[local midnight of `start`, local midnight after `end`) as aware UTC."""
        return local_midnight(self.start, zone), local_midnight(self.end + ONE_DAY, zone)


def local_midnight(day: date, zone: tzinfo) -> datetime:
    """The start of `day` in `zone`, as aware UTC."""
    return datetime.combine(day, time(0), tzinfo=zone).astimezone(UTC)


def next_month(day: date) -> date:
    """The first day of the month after `day`'s."""
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def checked_period(start: date | None, end: date | None, today: date) -> Period:
    """The period asked for, by default the month so far; refuses one that ends in the
    future or starts after it ends."""
    end = end or today
    start = start or end.replace(day=1)
    for day in (start, end):
        if day > today:
            raise UserError(
                f"{day.isoformat()} is in the future (today is {today.isoformat()}); "
                "give dates up to today"
            )
    if start > end:
        raise UserError(
            f"the period starts on {start.isoformat()}, after it ends on {end.isoformat()}; "
            "swap the dates"
        )
    return Period(start, end)
