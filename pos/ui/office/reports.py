"""The back office's Reports: pick a report, its days, register and format, and write it
in the background (the reports lane) with progress and Cancel; Open shows the PDF.

The shop's today and its registers are read in the background each time the section
comes on screen. The report runs on the reports lane; its progress is called in that
worker thread and only emits `sig_report_progressed`, which reaches the progress bar
through a queued connection. Cancel sets the run's flag: the report stops at its next
step or page, and its output (written under a temporary name) is removed.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl, Signal, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos.domain.errors import EnvironmentProblemError, PosError, UserError
from pos.domain.periods import checked_period
from pos.domain.report_figures import ReportKind
from pos.services.reports import ReportChoices, ReportRequest, ReportService, WrittenReport
from pos.services.till_session import Cashier
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.widgets import message_label, named, show_message

KINDS: tuple[tuple[ReportKind, str], ...] = (
    ("z", "Z report: closed shifts of a register"),
    ("x", "X report: the register's open shift"),
    ("sales", "Sales"),
    ("tax", "Tax"),
    ("customers", "Customers"),
    ("service", "Service review"),
    ("stock", "Stock"),
)
SHIFT_KINDS = ("z", "x")
ALL_REGISTERS = "All registers"
PERIOD_DAYS = 30
"""A period report covers the last 30 days unless told otherwise (today included)."""
FORMATS = (("PDF", False), ("PDF + CSV", True))
NEEDS_REGISTER = "choose a register: the Z and X reports are of one register's shifts"

Opener = Callable[[Path], None]


def open_with_desktop(path: Path) -> None:
    """Show the file in the user's PDF viewer."""
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def default_period(kind: ReportKind, today: date) -> tuple[date, date]:
    """Today for the Z and X reports; the last 30 days for the others."""
    if kind in SHIFT_KINDS:
        return today, today
    return today - timedelta(days=PERIOD_DAYS - 1), today


def report_file_name(kind: ReportKind, start: date, end: date, register: str | None) -> str:
    """e.g. `sales-2026-10-26-to-2026-11-24.pdf`, `z-register-1-2026-11-24.pdf`."""
    parts: list[str] = [kind]
    if register is not None:
        parts.append(f"register-{_safe(register)}")
    parts.append(start.isoformat() if start == end or kind == "x"
                 else f"{start.isoformat()}-to-{end.isoformat()}")
    return "-".join(parts) + ".pdf"


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text)


@dataclass(frozen=True, slots=True)
class ReportJob:
    """A report asked for on screen: what, and the files it goes to."""

    request: ReportRequest
    pdf: Path
    csv: Path | None
    make_folder: bool
    """Create the folder first (the default reports folder, on first use)."""


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def _to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class ReportsSection(QWidget):
    sig_report_progressed = Signal(int, int, str)
    """Run number, percentage and what the report is doing. Emitted in the reports
    worker; the section's own receiver is queued onto the UI thread."""
    sig_report_written = Signal(object)
    """A `WrittenReport`, once its files are in place (on the UI thread)."""

    def __init__(
        self,
        reports: ReportService,
        tasks: TaskRunner,
        folder: Path,
        opener: Opener = open_with_desktop,
    ) -> None:
        """`folder`: where reports go unless the user picks another (created when first
        used); `opener` shows a written PDF (tests pass a recorder)."""
        super().__init__()
        self._reports = reports
        self._tasks = tasks
        self._default_folder = folder
        self._opener = opener
        self._choices: ReportChoices | None = None
        self._load_task: int | None = None
        self._runs = 0
        self._cancel: threading.Event | None = None
        self._written: WrittenReport | None = None
        self._name_edited = False
        self._dates_edited = False
        self._setting = False

        self.heading = named(QLabel("Reports: loading…"), "Reports heading")
        self.kind = named(QComboBox(), "Report kind")
        for kind, label in KINDS:
            self.kind.addItem(label, kind)
        self.kind.setCurrentIndex(self.kind.findData("sales"))
        self.start = self._date_edit("Report from")
        self.end = self._date_edit("Report to")
        self.register = named(QComboBox(), "Report register")
        self.register.addItem(ALL_REGISTERS, None)
        self.format = named(QComboBox(), "Report format")
        for label, with_csv in FORMATS:
            self.format.addItem(label, with_csv)
        self.folder = named(QLineEdit(str(folder)), "Report folder")
        self.browse = named(QPushButton("Choose folder…"), "Choose report folder")
        self.file_name = named(QLineEdit(), "Report file name")
        self.generate = named(QPushButton("Generate"), "Generate report")
        self.generate.setDefault(True)
        self.generate.setEnabled(False)  # until the shop's today is known
        self.cancel = named(QPushButton("Cancel"), "Cancel report")
        self.cancel.setEnabled(False)
        self.progress = named(QProgressBar(), "Report progress")
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        self.progress.setFormat("%p%")
        self.message = message_label("Report message")
        self.open_button = named(QPushButton("Open"), "Open report")
        self.open_button.hide()

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.start.dateChanged.connect(self._date_changed)
        self.end.dateChanged.connect(self._date_changed)
        self.register.currentIndexChanged.connect(self._suggest_name)
        self.file_name.textEdited.connect(self._name_typed)
        self.browse.clicked.connect(self._choose_folder)
        self.generate.clicked.connect(self.start_report)
        self.cancel.clicked.connect(self.cancel_report)
        self.open_button.clicked.connect(self.open_report)
        self.sig_report_progressed.connect(self._show_progress,
                                           Qt.ConnectionType.QueuedConnection)

        form = QFormLayout()
        form.addRow("Report", self.kind)
        dates = QHBoxLayout()
        dates.addWidget(self.start)
        dates.addWidget(QLabel("to"))
        dates.addWidget(self.end)
        dates.addStretch(1)
        form.addRow("Days", dates)
        form.addRow("Register", self.register)
        form.addRow("Format", self.format)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, stretch=1)
        folder_row.addWidget(self.browse)
        form.addRow("Folder", folder_row)
        form.addRow("File name", self.file_name)
        buttons = QHBoxLayout()
        buttons.addWidget(self.generate)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.progress, stretch=1)
        result = QHBoxLayout()
        result.addWidget(self.message, stretch=1)
        result.addWidget(self.open_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addLayout(buttons)
        layout.addLayout(result)
        layout.addStretch(1)

    def _date_edit(self, name: str) -> QDateEdit:
        edit = named(QDateEdit(), name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("yyyy-MM-dd")
        return edit

    # -- what the shop offers ---------------------------------------------------------
    def activate(self, viewer: Cashier) -> None:
        """Read the shop's today and registers again (a register may have been added)."""
        if self._load_task is not None:
            self._tasks.forget(self._load_task)
        self._load_task = self._tasks.submit(Lane.DB_READ, self._reports.choices,
                                             self._loaded, self._load_failed)

    def _loaded(self, choices: ReportChoices) -> None:
        self._load_task = None
        first = self._choices is None
        self._choices = choices
        self.heading.setText(f"Reports  ·  today is {choices.today:%a %d %b %Y}")
        chosen = self.register.currentData()
        self._setting = True
        self.register.clear()
        self.register.addItem(ALL_REGISTERS, None)
        for code in choices.register_codes:
            self.register.addItem(f"Register {code}", code)
        self.register.setCurrentIndex(max(0, self.register.findData(chosen)))
        self._setting = False
        if first or not self._dates_edited:
            self._set_defaults()
        self.generate.setEnabled(self._cancel is None)

    def _load_failed(self, error: PosError) -> None:
        self._load_task = None
        self.heading.setText("Reports: not loaded")
        show_message(self.message, error.message)

    # -- the form ---------------------------------------------------------------------
    def _kind(self) -> ReportKind:
        kind: ReportKind = self.kind.currentData()
        return kind

    @Slot()
    def _kind_changed(self) -> None:
        if not self._dates_edited:
            self._set_defaults()
        shift = self._kind() in SHIFT_KINDS
        self.start.setEnabled(self._kind() != "x")
        self.end.setEnabled(self._kind() != "x")
        if shift and self.register.currentData() is None and self._choices is not None:
            mine = self._choices.this_register
            if mine is not None:
                self.register.setCurrentIndex(self.register.findData(mine))
        self._suggest_name()

    def _set_defaults(self) -> None:
        if self._choices is None:
            return
        start, end = default_period(self._kind(), self._choices.today)
        self._setting = True
        self.start.setDate(_to_qdate(start))
        self.end.setDate(_to_qdate(end))
        self._setting = False
        self._suggest_name()

    @Slot()
    def _date_changed(self) -> None:
        if not self._setting:
            self._dates_edited = True
        self._suggest_name()

    @Slot()
    def _name_typed(self) -> None:
        self._name_edited = bool(self.file_name.text().strip())

    @Slot()
    def _suggest_name(self) -> None:
        if self._name_edited or self._setting or self._choices is None:
            return
        self.file_name.setText(report_file_name(
            self._kind(), _to_date(self.start.date()), _to_date(self.end.date()),
            self.register.currentData(),
        ))

    @Slot()
    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Folder for reports", self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def job(self) -> ReportJob:
        """The report the form asks for; `UserError` for what cannot be right."""
        if self._choices is None:
            raise UserError("the shop's registers are still loading; try again in a moment")
        kind, register = self._kind(), self.register.currentData()
        if kind in SHIFT_KINDS and register is None:
            raise UserError(NEEDS_REGISTER)
        start, end = _to_date(self.start.date()), _to_date(self.end.date())
        checked_period(start, end, self._choices.today)
        folder_text = self.folder.text().strip()
        if not folder_text:
            raise UserError("choose a folder for the report")
        name = self.file_name.text().strip() or report_file_name(kind, start, end, register)
        if Path(name).name != name:
            raise UserError("give a file name without a folder; choose the folder above")
        if not name.lower().endswith(".pdf"):
            name += ".pdf"
        folder = Path(folder_text).expanduser()
        pdf = folder / name
        csv = pdf.with_suffix(".csv") if self.format.currentData() else None
        request = (ReportRequest(kind, register_code=register) if kind == "x"
                   else ReportRequest(kind, start, end, register))
        return ReportJob(request, pdf, csv, make_folder=folder == self._default_folder)

    # -- running ----------------------------------------------------------------------
    @Slot()
    def start_report(self) -> None:
        if self._cancel is not None:
            return
        self.open_button.hide()
        self._written = None
        try:
            job = self.job()
        except UserError as error:
            show_message(self.message, error.message)
            return
        self._runs += 1
        run, cancel = self._runs, threading.Event()
        self._cancel = cancel
        self.generate.setEnabled(False)
        self.cancel.setEnabled(True)
        self.progress.setValue(0)
        self.progress.setFormat("starting… %p%")
        show_message(self.message, f"Writing {job.pdf.name}…", error=False)
        self._tasks.submit(Lane.REPORTS, lambda: self._write(job, run, cancel),
                           self._done, self._failed)

    def _write(self, job: ReportJob, run: int, cancel: threading.Event) -> WrittenReport:
        """In the reports worker: the report, with progress sent back as a signal."""
        if job.make_folder:
            try:
                job.pdf.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise EnvironmentProblemError(
                    f"cannot create the folder {job.pdf.parent} ({error.strerror or error}); "
                    "choose another folder"
                ) from None
        return self._reports.write(
            job.request, job.pdf, csv=job.csv, cancel=cancel,
            progress=lambda percent, label: self.sig_report_progressed.emit(run, percent, label),
        )

    @Slot(int, int, str)
    def _show_progress(self, run: int, percent: int, label: str) -> None:
        if run != self._runs or self._cancel is None:
            return  # a report that has already finished or was replaced
        self.progress.setValue(percent)
        self.progress.setFormat(f"{label} %p%")

    def stop(self) -> None:
        """The till is closing: cancel a report being written (no file is left)."""
        self.cancel_report()

    @Slot()
    def cancel_report(self) -> None:
        if self._cancel is not None:
            self._cancel.set()
            self.cancel.setEnabled(False)
            show_message(self.message, "Cancelling…", error=False)

    def _finished(self) -> None:
        self._cancel = None
        self.generate.setEnabled(self._choices is not None)
        self.cancel.setEnabled(False)

    def _done(self, written: WrittenReport) -> None:
        self._finished()
        self._written = written
        self.progress.setValue(100)
        self.progress.setFormat("done %p%")
        pages = "1 page" if written.pages == 1 else f"{written.pages} pages"
        also = f" and {written.csv.name}" if written.csv is not None else ""
        show_message(self.message, f"Saved {written.pdf.name}, {pages}{also} (in "
                                   f"{written.pdf.parent})", error=False)
        self.open_button.show()
        self.sig_report_written.emit(written)

    def _failed(self, error: PosError) -> None:
        self._finished()
        self.progress.setValue(0)
        self.progress.setFormat("%p%")
        show_message(self.message, error.message)

    @Slot()
    def open_report(self) -> None:
        if self._written is not None:
            self._opener(self._written.pdf)
