"""A report as data: sections of key figures, tables, charts and notes.

Report builders (`pos.reports.*_report`) describe what to show; `pos.reports.pdf`,
`pos.reports.csv_export` and `pos.reports.receipt_text` decide how. Cells keep their
values typed (an amount stays minor units) so each output formats them its own way:
the PDF for the shop's locale, the CSV plainly for spreadsheets.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from pos.domain.report_figures import ShopProfile


@dataclass(frozen=True, slots=True)
class Amount:
    """Money in minor units of the shop's currency."""

    minor: int


@dataclass(frozen=True, slots=True)
class Share:
    """`part` of `whole` as a percentage (no figure when `whole` is 0)."""

    part: int
    whole: int


@dataclass(frozen=True, slots=True)
class Change:
    """How `current` compares with `previous`, as a signed percentage."""

    current: int
    previous: int


@dataclass(frozen=True, slots=True)
class Rate:
    """A tax rate in basis points."""

    bp: int


@dataclass(frozen=True, slots=True)
class Month:
    """A calendar month, by its first day."""

    first_day: date


Cell = str | int | Amount | Share | Change | Rate | Month | date | datetime | None
"""A `datetime` is aware UTC and shown in the shop's time zone."""


@dataclass(frozen=True, slots=True)
class Column:
    title: str
    width: float = 1.0
    """Relative to the other columns."""
    numeric: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[Column, ...]
    rows: Sequence[Sequence[Cell]]
    total: Sequence[Cell] | None = None
    title: str = ""
    empty: str = "Nothing to show for this period."


@dataclass(frozen=True, slots=True)
class KeyFigures:
    """A few labelled figures shown large, side by side."""

    figures: tuple[tuple[str, Cell], ...]


@dataclass(frozen=True, slots=True)
class Text:
    text: str
    kind: Literal["body", "note", "notice"] = "body"
    """`note`: small print; `notice`: stands out (an empty period, no stock kept)."""


@dataclass(frozen=True, slots=True)
class BarChart:
    title: str
    labels: Sequence[str]
    values: Sequence[int]
    money: bool = True
    """Values are minor units (else counts)."""


@dataclass(frozen=True, slots=True)
class HeatMap:
    """A grid of values shaded by size: rows x columns, None where there is no figure."""

    title: str
    row_labels: Sequence[str]
    column_labels: Sequence[str]
    values: Sequence[Sequence[Share | int | None]]


Block = Table | KeyFigures | Text | BarChart | HeatMap


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]
    new_page: bool = False


@dataclass(frozen=True, slots=True)
class ReportDocument:
    title: str
    subtitle: str
    """What the report covers: the period, the shift."""
    shop: ShopProfile
    printed_at: datetime
    sections: tuple[Section, ...]
