"""A `ReportDocument`'s figures as CSV: each table under its title, values unformatted
(amounts as plain decimals, dates ISO 8601) so a spreadsheet can add them up."""

import csv
from collections.abc import Iterator
from pathlib import Path

from pos.reports.document import Block, HeatMap, KeyFigures, ReportDocument, Table, Text
from pos.reports.formatting import Formatter, csv_cell

Row = list[str]


def write_csv(document: ReportDocument, target: Path) -> None:
    formatter = Formatter(document.shop)
    # utf-8-sig: spreadsheet programs then read "Łódź" as written.
    with target.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow([document.title, document.subtitle, document.shop.name])
        for section in document.sections:
            writer.writerow([])
            writer.writerow([section.heading])
            for block in section.blocks:
                writer.writerows(_rows(block, formatter))


def _rows(block: Block, formatter: Formatter) -> Iterator[Row]:
    match block:
        case Table(columns, rows, total, title):
            if title:
                yield [title]
            yield [column.title for column in columns]
            for row in rows:
                yield [csv_cell(cell, formatter) for cell in row]
            if total is not None:
                yield [csv_cell(cell, formatter) for cell in total]
        case KeyFigures(figures):
            for label, value in figures:
                yield [label, csv_cell(value, formatter)]
        case HeatMap(title, row_labels, column_labels, values):
            yield [title, *column_labels]
            for label, row in zip(row_labels, values, strict=True):
                yield [label, *(csv_cell(value, formatter) for value in row)]
        case Text(text, "notice"):
            yield [text]
