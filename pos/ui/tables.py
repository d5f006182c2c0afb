"""The read-only tables of the back office: whole rows, one chosen at a time, never edited
in place (changes go through a form and a service, so bad input gets a message)."""

from collections.abc import Iterable, Sequence

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from pos.ui.widgets import named


def list_table(
    accessible_name: str, columns: Sequence[str], *, stretch: int | None = -1,
    fit_contents: bool = False,
) -> QTableWidget:
    """A table with `columns` as headings; column `stretch` (the last by default, None for
    none) takes the spare width; `fit_contents` sizes the others to what they hold."""
    table = named(QTableWidget(0, len(columns)), accessible_name)
    table.setHorizontalHeaderLabels(list(columns))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    header = table.horizontalHeader()
    if fit_contents:
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    if stretch is not None:
        header.setSectionResizeMode(stretch % len(columns), QHeaderView.ResizeMode.Stretch)
    return table


def fill_rows(table: QTableWidget, rows: Iterable[Sequence[str]]) -> None:
    """Replace the table's rows with `rows` (text cells, in column order)."""
    texts = list(rows)
    table.setRowCount(len(texts))
    for row, cells in enumerate(texts):
        for column, text in enumerate(cells):
            table.setItem(row, column, QTableWidgetItem(text))
