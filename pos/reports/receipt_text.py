"""A `ReportDocument` as plain lines of a fixed width, for a thermal receipt printer.

Charts are left out; a table whose columns do not fit the width is written one row per
group of lines ("label" then "  column: value").
"""

from collections.abc import Iterator, Sequence

from pos.reports.document import Block, Cell, KeyFigures, ReportDocument, Table, Text
from pos.reports.formatting import Formatter

MIN_WIDTH = 24
MIN_LABEL_WIDTH = 10


def receipt_lines(document: ReportDocument, width: int) -> list[str]:
    formatter = Formatter(document.shop)
    if width < MIN_WIDTH:
        raise ValueError(f"a receipt is at least {MIN_WIDTH} characters wide, not {width}")
    lines = [document.shop.name[:width].center(width).rstrip(),
             document.title.upper()[:width].center(width).rstrip()]
    lines += _wrapped(document.subtitle, width)
    for section in document.sections:
        lines += ["=" * width, *_wrapped(section.heading.upper(), width)]
        for block in section.blocks:
            lines += _block(block, formatter, width)
    lines.append("=" * width)
    lines += _wrapped(f"Printed {formatter.moment(document.printed_at)}", width)
    return lines


def _block(block: Block, formatter: Formatter, width: int) -> list[str]:
    match block:
        case Text(text):
            return _wrapped(text, width)
        case KeyFigures(figures):
            return [_pair(label, formatter.cell(value), width) for label, value in figures]
        case Table():
            return list(_table(block, formatter, width))
    return []


def _table(table: Table, formatter: Formatter, width: int) -> Iterator[str]:
    if table.title:
        yield "-" * width
        yield from _wrapped(table.title, width)
    if not table.rows:
        yield from _wrapped(table.empty, width)
        return
    rows = [_texts(row, formatter) for row in table.rows]
    if table.total is not None:
        rows.append(_texts(table.total, formatter))
    titles = [column.title for column in table.columns]
    if len(titles) == 2:
        for label, value in rows:
            yield _pair(label, value, width)
        return
    widths = [max(len(row[n]) for row in [titles[1:], *[r[1:] for r in rows]])
              for n in range(len(titles) - 1)]
    first = width - sum(widths) - len(widths)
    if first >= MIN_LABEL_WIDTH:
        for row in [titles, *rows]:
            yield (row[0][:first].ljust(first) + "".join(
                " " + text.rjust(size) for text, size in zip(row[1:], widths, strict=True)
            )).rstrip()
        return
    for row in rows:
        yield from _wrapped(row[0], width)
        for title, text in zip(titles[1:], row[1:], strict=True):
            yield _pair(f"  {title}", text, width)


def _texts(row: Sequence[Cell], formatter: Formatter) -> list[str]:
    return [formatter.cell(cell) for cell in row]


def _pair(label: str, value: str, width: int) -> str:
    """`label` on the left, `value` on the right; the label is cut to make room."""
    if not value or len(value) >= width:
        return (value or label)[:width]
    room = width - len(value) - 1
    return f"{label[:room].ljust(room)} {value}"


def _wrapped(text: str, width: int) -> list[str]:
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.extend(word[start : start + width] for start in range(0, len(word), width))
    return lines
