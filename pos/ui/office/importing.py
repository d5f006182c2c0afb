"""The back office's Import: bring a shop's past in from a CSV file (products, customers or
sales, generic or Online Retail layout), as `pos import` does, without leaving the till.

The import runs on the reports lane (a worker thread), so the window stays usable; the
service calls its progress in that worker after each chunk it commits, which only emits
`sig_import_progressed`, queued onto the UI thread for the progress bar. Cancel sets the
run's flag: the service stops before its next chunk, the chunks committed stay, and
starting the same import again finishes it without duplicates (the import is idempotent).
Everything that cannot be imported at all (no such file, a wrong encoding or layout, a
bad column map) is a one-line message in place, with nothing written.
"""

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos.domain.errors import PosError, UserError
from pos.services.importing.batches import ImportCancelledError
from pos.services.importing.mapping import FORMATS, KINDS, parse_map_options
from pos.services.importing.rows import Reject
from pos.services.importing.service import DEFAULT_CHUNK, ImportOptions, ImportService
from pos.services.importing.summary import ImportSummary, summary_lines
from pos.services.till_session import Cashier
from pos.ui.tables import list_table
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.widgets import message_label, named, show_message

FileChooser = Callable[[QWidget, str], str]
"""(parent, folder or file to start from) -> the file chosen, or "" if none was."""
FORMAT_TITLES = {
    "generic": "Generic (columns named after the fields)",
    "online-retail": "Online Retail (UCI layout)",
}
ENCODINGS = ("utf-8", "latin-1", "cp1252", "utf-16")
"""Offered in the list; any other encoding Python knows can be typed in."""
DELIMITERS = (("Comma  ,", ","), ("Semicolon  ;", ";"), ("Tab", "\t"), ("Bar  |", "|"))
REJECTS_SHOWN = 10
"""The first rejects are shown on screen; the report file has them all."""
REJECT_COLUMNS = ("Line", "Reason")


def choose_csv_file(parent: QWidget, start: str) -> str:
    """Ask for the file to import with the desktop's file dialog."""
    chosen, _ = QFileDialog.getOpenFileName(
        parent, "File to import", start, "CSV files (*.csv *.txt *.tsv);;All files (*)"
    )
    return chosen


def parse_column_map(text: str) -> dict[str, str]:
    """`COL=FIELD` pairs, one per line or comma separated, as `--map` takes them."""
    pairs = [part.strip() for line in text.splitlines() for part in line.split(",")]
    return parse_map_options([pair for pair in pairs if pair])


@dataclass(frozen=True, slots=True)
class _Started:
    run: int
    cancel: threading.Event
    options: ImportOptions


class ImportSection(QWidget):
    sig_import_progressed = Signal(int, str, int, int)
    """Run number, stage ("products", "customers", "sales", "returns"), rows done and
    rows in the stage. Emitted in the worker; the section's receiver is queued onto the
    UI thread."""
    sig_import_finished = Signal(object)
    """The `ImportSummary` of a finished import (on the UI thread)."""

    def __init__(
        self,
        imports: ImportService,
        tasks: TaskRunner,
        *,
        choose_file: FileChooser = choose_csv_file,
        chunk_size: int = DEFAULT_CHUNK,
    ) -> None:
        """`choose_file` asks for the file (tests pass their own: no dialog);
        `chunk_size`: rows (or receipts) committed at a time, each a step of progress."""
        super().__init__()
        self._imports = imports
        self._tasks = tasks
        self.choose_file = choose_file
        self.chunk_size = chunk_size
        self.actor = "back office"
        self._runs = 0
        self._running: _Started | None = None

        self.kind = named(QComboBox(), "Import kind")
        for kind in KINDS:
            self.kind.addItem(kind.capitalize(), kind)
        self.kind.setCurrentIndex(self.kind.findData("sales"))
        self.format = named(QComboBox(), "Import format")
        for format_name in FORMATS:
            self.format.addItem(FORMAT_TITLES[format_name], format_name)
        self.path = named(QLineEdit(), "Import file")
        self.path.setPlaceholderText("The CSV file to import")
        self.browse = named(QPushButton("Choose file..."), "Choose import file")
        self.encoding = named(QComboBox(), "Import encoding")
        self.encoding.setEditable(True)
        self.encoding.addItems(list(ENCODINGS))
        self.delimiter = named(QComboBox(), "Import delimiter")
        for label, delimiter in DELIMITERS:
            self.delimiter.addItem(label, delimiter)
        self.column_map = named(QPlainTextEdit(), "Column map")
        self.column_map.setPlaceholderText(
            "Optional: COL=FIELD, one per line or comma separated (e.g. Cost=price)"
        )
        self.column_map.setTabChangesFocus(True)
        self.column_map.setFixedHeight(self.fontMetrics().lineSpacing() * 4)
        self.dry_run = named(QCheckBox("Dry run: check and count, write nothing"), "Dry run")
        self.start = named(QPushButton("Start import"), "Start import")
        self.start.setDefault(True)
        self.cancel = named(QPushButton("Cancel"), "Cancel import")
        self.cancel.setEnabled(False)
        self.progress = named(QProgressBar(), "Import progress")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setFormat("%p%")
        self.message = message_label("Import message")
        self.rejects = list_table("Import rejects", REJECT_COLUMNS)
        self.rejects.hide()
        self._lay_out()

        self.browse.clicked.connect(self._browse)
        self.start.clicked.connect(self.start_import)
        self.cancel.clicked.connect(self.cancel_import)
        self.sig_import_progressed.connect(self._show_progress,
                                           Qt.ConnectionType.QueuedConnection)

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow("What", self.kind)
        form.addRow("Layout", self.format)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, stretch=1)
        file_row.addWidget(self.browse)
        form.addRow("File", file_row)
        form.addRow("Encoding", self.encoding)
        form.addRow("Separator", self.delimiter)
        form.addRow("Column map", self.column_map)
        form.addRow("", self.dry_run)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.progress, stretch=1)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.rejects, stretch=1)
        layout.addStretch(0)

    def activate(self, viewer: Cashier) -> None:
        """Nothing to load: the form is ready; the import is audited under `viewer`."""
        self.actor = f"back office ({viewer.name})"

    @Slot()
    def _browse(self) -> None:
        chosen = self.choose_file(self, self.path.text().strip())
        if chosen:
            self.path.setText(chosen)

    def options(self) -> ImportOptions:
        """The import the form asks for; `UserError` for what is wrong in the form itself
        (the file is only opened in the worker)."""
        path_text = self.path.text().strip()
        if not path_text:
            raise UserError("choose the file to import first")
        encoding = self.encoding.currentText().strip()
        if not encoding:
            raise UserError("give the file's encoding (e.g. utf-8 or latin-1)")
        return ImportOptions(
            kind=self.kind.currentData(), path=Path(path_text).expanduser(),
            format_name=self.format.currentData(),
            mapping=parse_column_map(self.column_map.toPlainText()), encoding=encoding,
            delimiter=self.delimiter.currentData(), dry_run=self.dry_run.isChecked(),
            chunk_size=self.chunk_size, actor=self.actor,
        )

    # -- running ------------------------------------------------------------------------
    @Slot()
    def start_import(self) -> None:
        if self._running is not None:
            return
        self._show_rejects(())
        try:
            options = self.options()
        except UserError as error:
            show_message(self.message, error.message)
            return
        self._runs += 1
        started = _Started(self._runs, threading.Event(), options)
        self._running = started
        self.start.setEnabled(False)
        self.cancel.setEnabled(True)
        self.progress.setValue(0)
        self.progress.setFormat(f"reading {options.path.name}...")
        doing = "Checking" if options.dry_run else "Importing"
        show_message(self.message, f"{doing} {options.kind} from {options.path.name}...",
                     error=False)
        self._tasks.submit(Lane.IMPORT, lambda: self._run(started), self._done, self._failed)

    def _run(self, started: _Started) -> ImportSummary:
        """In the worker: the import, its progress sent back as a signal."""
        return self._imports.run(
            started.options,
            lambda stage, done, total: self.sig_import_progressed.emit(
                started.run, stage, done, total),
            started.cancel,
        )

    @Slot(int, str, int, int)
    def _show_progress(self, run: int, stage: str, done: int, total: int) -> None:
        if self._running is None or run != self._running.run:
            return  # an import that has finished already
        self.progress.setValue(100 * done // total if total else 100)
        self.progress.setFormat(f"{stage}: {done:,} of {total:,} rows  %p%")

    def stop(self) -> None:
        """The till is closing: stop the import after the rows being written (a re-run
        completes it)."""
        self.cancel_import()

    @Slot()
    def cancel_import(self) -> None:
        if self._running is not None:
            self._running.cancel.set()
            self.cancel.setEnabled(False)
            show_message(self.message, "Cancelling after the rows being written...",
                         error=False)

    def _finished(self) -> None:
        self._running = None
        self.start.setEnabled(True)
        self.cancel.setEnabled(False)

    def _done(self, summary: ImportSummary) -> None:
        self._finished()
        self.progress.setValue(100)
        self.progress.setFormat("dry run done  %p%" if summary.dry_run else "done  %p%")
        lines = [line.strip() for line in summary_lines(summary)]
        if len(summary.rejects) > REJECTS_SHOWN:
            lines.append(f"the first {REJECTS_SHOWN} rejected rows are shown below")
        show_message(self.message, "\n".join(lines), error=False)
        self._show_rejects(summary.rejects[:REJECTS_SHOWN])
        self.sig_import_finished.emit(summary)

    def _failed(self, error: PosError) -> None:
        self._finished()
        if isinstance(error, ImportCancelledError):
            self.progress.setFormat("cancelled  %p%")  # how far it got stays on show
        else:
            self.progress.setValue(0)
            self.progress.setFormat("%p%")
        show_message(self.message, error.message)

    def _show_rejects(self, rejects: Sequence[Reject]) -> None:
        self.rejects.setRowCount(len(rejects))
        for row, reject in enumerate(rejects):
            self.rejects.setItem(row, 0, QTableWidgetItem(str(reject.line)))
            self.rejects.setItem(row, 1, QTableWidgetItem(reject.reason))
        self.rejects.setVisible(bool(rejects))
        self.rejects.resizeColumnToContents(0)
