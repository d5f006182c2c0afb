"""Figures as the shop writes them (Babel: its locale, currency and time zone), and as
a spreadsheet reads them (CSV: plain decimals, ISO dates)."""

import logging
from datetime import UTC, date, datetime, tzinfo
from decimal import Decimal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError
from babel.dates import format_interval, format_skeleton, format_time
from babel.numbers import format_currency, format_decimal, format_percent, get_currency_precision

from pos.domain.money import format_minor
from pos.domain.periods import Period
from pos.domain.report_figures import ShopProfile
from pos.reports.document import Amount, Cell, Change, Month, Rate, Share

log = logging.getLogger(__name__)

FALLBACK_LOCALE = "en_GB"
PERCENT = "#,##0.0%"
RATE = "#,##0.##%"
NO_FIGURE = "\u2013"  # en dash: no figure


def shop_zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        log.warning("unknown time zone %r; reports use UTC", name)
        return UTC


def shop_locale(name: str) -> Locale:
    try:
        return Locale.parse(name)
    except (UnknownLocaleError, ValueError):
        log.warning("unknown locale %r; reports use %s", name, FALLBACK_LOCALE)
        return Locale.parse(FALLBACK_LOCALE)


class Formatter:
    """Writes cells for people: money in the shop's currency, dates in its language and
    times in its zone."""

    def __init__(self, shop: ShopProfile) -> None:
        self.locale = shop_locale(shop.locale)
        self.zone = shop_zone(shop.timezone)
        self.currency = shop.currency
        self.exponent = get_currency_precision(shop.currency)

    def money(self, minor: int) -> str:
        return format_currency(
            Decimal(minor).scaleb(-self.exponent), self.currency, locale=self.locale
        )

    def money_rounded(self, major: float) -> str:
        """A chart axis label: whole units, no decimals."""
        return format_currency(
            round(major), self.currency, format="¤#,##0", currency_digits=False,
            locale=self.locale,
        )

    def count(self, number: int) -> str:
        return format_decimal(number, locale=self.locale)

    def share(self, part: int, whole: int) -> str:
        if whole == 0:
            return NO_FIGURE
        return format_percent(Decimal(part) / Decimal(whole), PERCENT, locale=self.locale)

    def change(self, current: int, previous: int) -> str:
        if previous == 0:
            return NO_FIGURE if current == 0 else "new"
        ratio = Decimal(current - previous) / abs(Decimal(previous))
        sign = "+" if ratio > 0 else ""
        return sign + format_percent(ratio, PERCENT, locale=self.locale)

    def rate(self, bp: int) -> str:
        return format_percent(Decimal(bp) / 10_000, RATE, locale=self.locale)

    def day(self, day: date) -> str:
        return format_skeleton("yMMMd", day, locale=self.locale)

    def short_date(self, day: date) -> str:
        return format_skeleton("MMMd", day, locale=self.locale)

    def day_of_month(self, day: date) -> str:
        return format_skeleton("MMMMd", day, locale=self.locale)

    def month(self, first_day: date) -> str:
        return format_skeleton("yMMMM", first_day, locale=self.locale)

    def short_month(self, first_day: date) -> str:
        return format_skeleton("yMMM", first_day, locale=self.locale)

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def moment(self, moment: datetime) -> str:
        local = self.local(moment)
        return f"{self.day(local.date())} {format_time(local, 'short', locale=self.locale)}"

    def period(self, period: Period) -> str:
        return format_interval(period.start, period.end, "yMMMd", locale=self.locale)

    def weekday_names(self) -> list[str]:
        """Abbreviated names, Monday first."""
        names = self.locale.days["format"]["abbreviated"]
        return [str(names[number]) for number in range(7)]

    @property
    def first_weekday(self) -> int:
        """The day weeks start on in the shop's locale (0 = Monday)."""
        return int(self.locale.first_week_day)

    def cell(self, cell: Cell) -> str:
        """A cell as the PDF and the receipt show it."""
        match cell:
            case None:
                return ""
            case str():
                return cell
            case bool():
                return "yes" if cell else "no"
            case int():
                return self.count(cell)
            case Amount(minor):
                return self.money(minor)
            case Share(part, whole):
                return self.share(part, whole)
            case Change(current, previous):
                return self.change(current, previous)
            case Rate(bp):
                return self.rate(bp)
            case Month(first_day):
                return self.month(first_day)
            case datetime():
                return self.moment(cell)
            case date():
                return self.day(cell)
        raise TypeError(f"not a report cell: {cell!r}")


def csv_cell(cell: Cell, formatter: Formatter) -> str:
    """A cell as a spreadsheet reads it: plain decimals, percentages as numbers, ISO dates."""
    match cell:
        case None:
            return ""
        case Amount(minor):
            return format_minor(minor, formatter.exponent)
        case Share(part, whole):
            return _percent_number(part, whole)
        case Change(current, previous):
            return _percent_number(current - previous, abs(previous))
        case Rate(bp):
            return format_minor(bp, 2)
        case Month(first_day):
            return first_day.strftime("%Y-%m")
        case datetime():
            return formatter.local(cell).isoformat(timespec="seconds")
        case date():
            return cell.isoformat()
    return str(cell)


def _percent_number(part: int, whole: int) -> str:
    return "" if whole == 0 else f"{Decimal(100 * part) / Decimal(whole):.1f}"
