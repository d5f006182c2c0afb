"""The back office's actions on a customer's record as a whole: merge a duplicate into it,
export everything held on them to a JSON file, erase their personal data.

Nothing asks in a dialog: a merge is confirmed by pressing its button a second time for
the same pair, an erasure by typing ERASE. All of it runs in the background.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Slot
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)

from pos.domain.errors import PosError, UserError
from pos.services.customer_types import CustomerHit, ErasedCustomer, MergedCustomers
from pos.services.customers import CustomerService
from pos.ui.office.customers_search import LiveSearch
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.widgets import named, show_message

MERGE_TEXT = "Merge into..."
CONFIRM_MERGE_TEXT = "Press again to merge"
ERASE_WORD = "ERASE"


@dataclass(frozen=True, slots=True)
class Exported:
    path: Path
    sales: int


def moved_text(moved: dict[str, int]) -> str:
    """"3 sale, 1 follow up" from the rows moved by `table.column`."""
    parts = [f"{count} {key.split('.')[0].replace('_', ' ')}"
             for key, count in moved.items() if count]
    return ", ".join(parts) if parts else "no sales or other records"


def write_export(data: dict[str, object], folder: Path, customer_id: int) -> Path:
    """Write the export as `customer-ID-YYYYMMDD-HHMMSS.json` (the time it was taken, local)
    in `folder` (created if need be)."""
    at = datetime.fromisoformat(str(data["exported_at"])).astimezone()
    path = folder / f"customer-{customer_id}-{at:%Y%m%d-%H%M%S}.json"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as error:
        raise UserError(f"cannot write {path} ({error.strerror or error}); check the folder "
                        "exists and there is space on the disk") from None
    return path


class CustomerDataActions(QWidget):
    """Merge, export and erase for the customer set with `show_customer`."""

    def __init__(
        self, customers: CustomerService, tasks: TaskRunner, message: QLabel, exports_dir: Path,
        on_merged: Callable[[CustomerHit], None], on_erased: Callable[[ErasedCustomer], None],
    ) -> None:
        super().__init__()
        self._customers = customers
        self._tasks = tasks
        self._message = message
        self._exports_dir = exports_dir
        self._on_merged = on_merged
        self._on_erased = on_erased
        self._customer: CustomerHit | None = None
        self._armed: tuple[int, int] | None = None
        self.actor = "back office"
        self.merge_search = named(QLineEdit(), "Merge duplicate search")
        self.merge_search.setPlaceholderText("Find the duplicate: name, phone, e-mail")
        self.merge_choice = named(QComboBox(), "Merge duplicate")
        self.merge = named(QPushButton(MERGE_TEXT), "Merge into")
        self.merge.setToolTip("Fold the duplicate chosen on the left into this customer")
        self.export = named(QPushButton("Export data"), "Export data")
        self.erase_confirm = named(QLineEdit(), "Erase confirmation")
        self.erase_confirm.setPlaceholderText(f"type {ERASE_WORD} to confirm")
        self.erase = named(QPushButton("Erase customer"), "Erase customer")
        self._search = LiveSearch(self.merge_search, customers, tasks, self._show_duplicates,
                                  self._failed)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel("Merge a duplicate"), 0, 0)
        grid.addWidget(self.merge_search, 0, 1)
        grid.addWidget(self.merge_choice, 0, 2)
        grid.addWidget(self.merge, 0, 3)
        grid.addWidget(self.export, 1, 0)
        grid.addWidget(self.erase_confirm, 1, 2)
        grid.addWidget(self.erase, 1, 3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(2, 1)
        self.merge.clicked.connect(self._merge)
        self.merge_choice.currentIndexChanged.connect(self._disarm)
        self.export.clicked.connect(self._export)
        self.erase.clicked.connect(self._erase)
        self.erase_confirm.returnPressed.connect(self._erase)
        self.show_customer(None)

    def show_customer(self, customer: CustomerHit | None) -> None:
        """Act on `customer` (None: nobody, or erased: everything disabled)."""
        self._customer = customer
        self._disarm()
        self.erase_confirm.clear()
        self._show_duplicates(())
        self.setEnabled(customer is not None)

    # -- merge ------------------------------------------------------------------------------
    def _show_duplicates(self, hits: tuple[CustomerHit, ...]) -> None:
        keep_id = self._customer.id if self._customer else None
        self.merge_choice.clear()
        for hit in hits:
            if hit.id != keep_id:
                contact = " · ".join(x for x in (hit.phone, hit.email) if x)
                self.merge_choice.addItem(f"{hit.name}  {contact}  ({hit.visits} visits)", hit)

    @Slot()
    def _disarm(self) -> None:
        self._armed = None
        self.merge.setText(MERGE_TEXT)

    @Slot()
    def _merge(self) -> None:
        keep, gone = self._customer, self.merge_choice.currentData()
        if keep is None or not isinstance(gone, CustomerHit):
            show_message(self._message, "find the duplicate first: type their name, phone or "
                         "e-mail in the merge box and choose them")
            return
        if self._armed != (keep.id, gone.id):
            self._armed = (keep.id, gone.id)
            self.merge.setText(CONFIRM_MERGE_TEXT)
            show_message(self._message, (
                f"Merge {gone.name} ({gone.visits} visits) into {keep.name}? Their sales and "
                f"everything else move to {keep.name} and {gone.name}'s record is removed; "
                "this cannot be undone. Press the merge button again to go ahead."
            ), error=False)
            return
        self._disarm()
        actor = self.actor
        self._tasks.submit(
            Lane.DB_WRITE, lambda: self._customers.merge(keep.id, gone.id, actor=actor),
            lambda merged: self._merged(merged, gone.name), self._failed,
        )

    def _merged(self, merged: MergedCustomers, gone_name: str) -> None:
        self.merge_search.clear()
        self._show_duplicates(())
        show_message(self._message, (
            f"Merged {gone_name} into {merged.kept.name}: moved {moved_text(merged.moved)}; "
            f"{merged.kept.name} now has {merged.kept.visits} visits"
        ), error=False)
        self._on_merged(merged.kept)

    # -- export -----------------------------------------------------------------------------
    @Slot()
    def _export(self) -> None:
        if self._customer is None:
            return
        customer_id, folder, actor = self._customer.id, self._exports_dir, self.actor
        show_message(self._message, f"Exporting {self._customer.name}'s data...", error=False)
        self.export.setEnabled(False)
        self._tasks.submit(Lane.DB_WRITE, lambda: self._write(customer_id, folder, actor),
                           self._exported, self._export_failed)

    def _write(self, customer_id: int, folder: Path, actor: str) -> Exported:
        """In the background: everything held on them, audited, written to a file."""
        data = self._customers.export(customer_id, actor=actor)
        sales = data.get("sales")
        return Exported(write_export(data, folder, customer_id),
                        len(sales) if isinstance(sales, list) else 0)

    def _exported(self, exported: Exported) -> None:
        self.export.setEnabled(True)
        show_message(self._message, f"Exported everything held on them ({exported.sales} "
                     f"sales) to {exported.path}", error=False)

    def _export_failed(self, error: PosError) -> None:
        self.export.setEnabled(True)
        self._failed(error)

    # -- erase ------------------------------------------------------------------------------
    @Slot()
    def _erase(self) -> None:
        customer = self._customer
        if customer is None:
            return
        if self.erase_confirm.text().strip().upper() != ERASE_WORD:
            show_message(self._message, (
                f"To erase {customer.name}'s personal data, type {ERASE_WORD} in the box next "
                "to Erase customer and press it again; their sales stay for the accounts, "
                "no longer linked to them. Export their data first if they asked for a copy."
            ))
            self.erase_confirm.setFocus()
            return
        actor = self.actor
        self._tasks.submit(Lane.DB_WRITE, lambda: self._customers.erase(customer.id, actor=actor),
                           self._erased, self._failed)

    def _erased(self, erased: ErasedCustomer) -> None:
        self.show_customer(None)
        show_message(self._message, (
            f"Customer {erased.id} erased: personal data removed, {erased.sales_kept} sales "
            f"kept for the accounts, no longer linked to them (audit entry {erased.audit_id})"
        ), error=False)
        self._on_erased(erased)

    def _failed(self, error: PosError) -> None:
        show_message(self._message, error.message)
