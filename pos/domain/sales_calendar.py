"""Sales by day, week, month and hour of the week, in the shop's time zone.

The database groups sales by quarter hour of UTC (few rows: about 13,000 for a busy
year); each quarter hour lies wholly inside one local hour in every time zone (all
offsets are whole quarter hours), so folding them here gives exact local figures.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, tzinfo

from pos.domain.periods import Period

BUCKET_SECONDS = 15 * 60
WEEKDAYS = 7
HOURS = 24


@dataclass(frozen=True, slots=True)
class Bucket:
    """The sales and returns of one quarter hour: `index` * 15 minutes after the epoch."""

    index: int
    sales_count: int
    sales_minor: int
    returns_count: int
    returns_minor: int


@dataclass(frozen=True, slots=True)
class DayFigures:
    """Sales on a day, or in a week or month starting on `day`."""

    day: date
    sales_count: int
    net_minor: int


class SalesCalendar:
    """Adds buckets up per local day and per (weekday, hour)."""

    def __init__(self, period: Period, zone: tzinfo) -> None:
        self._period = period
        self._zone = zone
        self._count: dict[date, int] = {}
        self._net: dict[date, int] = {}
        self._hours = [[0] * HOURS for _ in range(WEEKDAYS)]

    def add_all(self, buckets: Iterable[Bucket]) -> None:
        for bucket in buckets:
            self.add(bucket)

    def add(self, bucket: Bucket) -> None:
        moment = datetime.fromtimestamp(bucket.index * BUCKET_SECONDS, tz=UTC)
        local = moment.astimezone(self._zone)
        day = local.date()
        self._count[day] = self._count.get(day, 0) + bucket.sales_count
        self._net[day] = self._net.get(day, 0) + bucket.sales_minor + bucket.returns_minor
        self._hours[local.weekday()][local.hour] += bucket.sales_count

    def days(self) -> list[DayFigures]:
        """Every day of the period, those without sales included."""
        return [
            DayFigures(day, self._count.get(day, 0), self._net.get(day, 0))
            for day in self._period.dates()
        ]

    def weeks(self, first_weekday: int = 0) -> list[DayFigures]:
        """Per week starting on `first_weekday` (0 = Monday), labelled by its first day in
        the period (the first and last weeks may be short)."""
        start = self._period.start
        return self._grouped(
            lambda day: max(start, day - timedelta(days=(day.weekday() - first_weekday) % 7))
        )

    def months(self) -> list[DayFigures]:
        return self._grouped(lambda day: day.replace(day=1))

    def hours(self) -> tuple[tuple[int, ...], ...]:
        """Sales counted per weekday (Monday first) and local hour."""
        return tuple(tuple(row) for row in self._hours)

    def _grouped(self, start_of: Callable[[date], date]) -> list[DayFigures]:
        count: dict[date, int] = {}
        net: dict[date, int] = {}
        for day in self._period.dates():
            key = start_of(day)
            count[key] = count.get(key, 0) + self._count.get(day, 0)
            net[key] = net.get(key, 0) + self._net.get(day, 0)
        return [DayFigures(key, count[key], net[key]) for key in count]

