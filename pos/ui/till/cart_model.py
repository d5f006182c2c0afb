"""The cart as a table: quantity, item, unit price, line total (with discounts shown)."""

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from pos.domain.money import format_minor
from pos.domain.pricing import CartTotals
from pos.ui.till.sale_controller import SaleState

HEADERS = ("Qty", "Item", "Price", "Total")
Index = QModelIndex | QPersistentModelIndex


class CartModel(QAbstractTableModel):
    def __init__(self) -> None:
        super().__init__()
        self._rows: list[tuple[str, str, str, str]] = []

    def show(self, state: SaleState) -> None:
        self.beginResetModel()
        self._rows = _rows(state.totals, state)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() != 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None


def _rows(totals: CartTotals, state: SaleState) -> list[tuple[str, str, str, str]]:
    rows = []
    for line, priced in zip(state.cart.lines, totals.lines, strict=True):
        name = line.name
        if line.weight_grams is not None:
            name += f"  ({line.weight_grams / 1000:.3f} kg)"
        if priced.discount_minor:
            name += f"  (less {format_minor(priced.discount_minor)})"
        if line.price_overridden:
            name += "  (price changed)"
        if line.gift is not None:
            name += f"  (gift: {line.gift.recipient})"
        rows.append((str(line.quantity), name, format_minor(line.unit_price_minor),
                     format_minor(priced.total_minor)))
    return rows
