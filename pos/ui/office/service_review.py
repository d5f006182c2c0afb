"""The back office's daily service review: how well the shop served on any day.

One day at a time (today by default, the shop's local day), for the whole shop or one
register: sales and visits, the share of known customers, ratings, complaints and how
fast they were answered, promises, follow-ups and lapsed customers won back; then the
same counts and rates per person, in name order. Nothing is ranked and no spend is
shown per person (`pos.domain.service_review`). The figures are read in the background
with `ServiceReviewService.day`, the same reading as the PDF report's service page.

Keyboard: Alt+Left / Alt+Right the previous / next day, Alt+Home today; the date field
takes a typed date, and Up / Down step the part of it under the cursor.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos.domain.errors import PosError
from pos.domain.ratings import MAX_STARS, MIN_STARS
from pos.domain.service_review import ServiceFigures, ServiceReview, Timing
from pos.services.service_review import ServiceReviewService
from pos.services.till_session import Cashier
from pos.ui.tasks import Lane, TaskRunner
from pos.ui.widgets import message_label, named, show_message

WHOLE_SHOP = "Whole shop"
PERSON_COLUMNS = (
    "Name", "Sales", "Known customers", "Ratings", "Average stars", "Complaints opened",
    "Complaints resolved", "Promises due", "Promises kept", "Promises broken",
    "Follow-ups done", "Follow-ups overdue",
)


@dataclass(frozen=True, slots=True)
class _Loaded:
    day: date
    today: date
    review: ServiceReview
    registers: tuple[str, ...] | None
    """The registers to choose from (only read the first time)."""


class RatingBars(QWidget):
    """The ratings' distribution as a small row of bars, five stars first."""

    def __init__(self) -> None:
        super().__init__()
        named(self, "Rating distribution")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.bars: dict[int, QProgressBar] = {}
        for stars in range(MAX_STARS, MIN_STARS - 1, -1):
            bar = named(QProgressBar(), f"{stars} star ratings")
            bar.setFormat(f"{stars}★ %v")
            bar.setTextVisible(True)
            bar.setMaximumWidth(120)
            self.bars[stars] = bar
            layout.addWidget(bar)
        layout.addStretch(1)

    def show_stars(self, distribution: tuple[int, ...]) -> None:
        most = max(distribution, default=0)
        for stars, count in enumerate(distribution, MIN_STARS):
            bar = self.bars[stars]
            bar.setRange(0, max(most, 1))
            bar.setValue(count)


class ServiceReviewSection(QWidget):
    def __init__(self, review: ServiceReviewService, tasks: TaskRunner) -> None:
        super().__init__()
        self._review = review
        self._tasks = tasks
        self._task: int | None = None
        self._today: date | None = None
        self._registers_loaded = False
        self.date_edit = named(QDateEdit(), "Service review date")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("ddd d MMM yyyy")
        self.previous_day = named(QPushButton("◀ Previous day  [Alt+Left]"), "Previous day")
        self.next_day = named(QPushButton("Next day ▶  [Alt+Right]"), "Next day")
        self.to_today = named(QPushButton("Today  [Alt+Home]"), "Service review today")
        self.register = named(QComboBox(), "Service review register")
        self.register.addItem(WHOLE_SHOP, None)
        self.status = named(QLabel("Loading the service review..."), "Service review status")
        self.status.setProperty("role", "title")
        self.figures = named(QTableWidget(0, 2), "Service review")
        self.figures.setHorizontalHeaderLabels(["Figure", "Value"])
        self.stars = RatingBars()
        self.comments = named(QListWidget(), "Service review comments")
        self.comments.setMaximumHeight(90)
        self.people = named(QTableWidget(0, len(PERSON_COLUMNS)), "Service review by cashier")
        self.people.setHorizontalHeaderLabels(list(PERSON_COLUMNS))
        for table in (self.figures, self.people):
            table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
            table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            table.verticalHeader().hide()
            table.setSortingEnabled(False)  # people stay in name order: never ranked
        self.figures.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch
        )
        self.message = message_label("Service review message")
        self._lay_out()
        self._connect()

    def _lay_out(self) -> None:
        choose = QHBoxLayout()
        choose.addWidget(self.previous_day)
        day_label = QLabel("&Day")
        day_label.setBuddy(self.date_edit)
        choose.addWidget(day_label)
        choose.addWidget(self.date_edit)
        choose.addWidget(self.next_day)
        choose.addWidget(self.to_today)
        register_label = QLabel("&Register")
        register_label.setBuddy(self.register)
        choose.addSpacing(24)
        choose.addWidget(register_label)
        choose.addWidget(self.register)
        choose.addStretch(1)
        grid = QGridLayout()
        grid.addWidget(self.figures, 0, 0, 3, 1)
        grid.addWidget(QLabel("Ratings"), 0, 1)
        grid.addWidget(self.stars, 1, 1)
        grid.addWidget(self.comments, 2, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(choose)
        layout.addWidget(self.status)
        layout.addWidget(self.message)
        layout.addLayout(grid, stretch=3)
        layout.addWidget(QLabel("By person (counts and rates, in name order)"))
        layout.addWidget(self.people, stretch=2)

    def _connect(self) -> None:
        self.previous_day.clicked.connect(self.show_previous_day)
        self.next_day.clicked.connect(self.show_next_day)
        self.to_today.clicked.connect(self.show_today)
        for key, handler in (("Alt+Left", self.show_previous_day),
                             ("Alt+Right", self.show_next_day), ("Alt+Home", self.show_today)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(handler)
        self.date_edit.dateChanged.connect(self._date_changed)
        self.register.currentIndexChanged.connect(self.refresh)

    # -- choosing the day -------------------------------------------------------------------
    def activate(self, viewer: Cashier) -> None:
        del viewer  # every manager and the owner see the same review
        self._load(None if self._today is None else self.day())

    def day(self) -> date:
        picked = self.date_edit.date()
        return date(picked.year(), picked.month(), picked.day())

    def show_day(self, day: date) -> None:
        """Show the review of `day` (kept to today at the latest)."""
        if self._today is not None:
            day = min(day, self._today)
        if day == self.day():
            self.refresh()
        else:
            self.date_edit.setDate(QDate(day.year, day.month, day.day))  # loads it

    @Slot()
    def show_previous_day(self) -> None:
        self.show_day(self.day() - timedelta(days=1))

    @Slot()
    def show_next_day(self) -> None:
        self.show_day(self.day() + timedelta(days=1))

    @Slot()
    def show_today(self) -> None:
        self._load(None)

    @Slot(QDate)
    def _date_changed(self, _picked: QDate) -> None:
        self.refresh()

    @Slot()
    def refresh(self) -> None:
        if self._today is not None:
            self._load(self.day())

    def _load(self, day: date | None) -> None:
        """Read the review of `day` (None: the shop's today) in the background; a newer
        request wins over one still running."""
        if self._task is not None:
            self._tasks.forget(self._task)
        register = self.register.currentData()
        first = not self._registers_loaded
        self.status.setText("Loading the service review...")
        self._task = self._tasks.submit(
            Lane.DB_READ, lambda: self._read(day, register, first), self._show, self._failed
        )

    def _read(self, day: date | None, register: str | None, with_registers: bool) -> _Loaded:
        today = self._review.today()
        shown = min(day or today, today)
        registers = tuple(self._review.register_codes()) if with_registers else None
        return _Loaded(shown, today, self._review.day(shown, register), registers)

    # -- showing the figures ----------------------------------------------------------------
    def _show(self, loaded: _Loaded) -> None:
        self._task = None
        self._today = loaded.today
        show_message(self.message, "")
        if loaded.registers is not None and not self._registers_loaded:
            self._registers_loaded = True
            self.register.blockSignals(True)
            for code in loaded.registers:
                self.register.addItem(f"Register {code}", code)
            self.register.blockSignals(False)
        self.date_edit.blockSignals(True)
        self.date_edit.setMaximumDate(_qdate(loaded.today))
        self.date_edit.setDate(_qdate(loaded.day))
        self.date_edit.blockSignals(False)
        self.next_day.setEnabled(loaded.day < loaded.today)
        review = loaded.review
        self.status.setText(_headline(review, loaded.day == loaded.today))
        _fill(self.figures, _figure_rows(review))
        self.stars.show_stars(review.shop.stars)
        self.comments.clear()
        for comment in review.comments:
            self.comments.addItem(f"{'★' * comment.stars}  {comment.word}")
        if not review.comments:
            self.comments.addItem("No comments with the ratings")
        _fill(self.people, [_person_row(p.name, p.figures) for p in review.people])

    def _failed(self, error: PosError) -> None:
        self._task = None
        self.status.setText("The service review could not be read")
        show_message(self.message, error.message)


def _headline(review: ServiceReview, is_today: bool) -> str:
    day = f"{review.first_day:%a} {review.first_day.day} {review.first_day:%b}"
    where = "" if review.register_code is None else f" at register {review.register_code}"
    if not review.shop.sales:
        return f"No sales on {day}{where}"
    so_far = " so far" if is_today else ""
    return f"Service on {day}{where}{so_far}"


def _figure_rows(review: ServiceReview) -> list[tuple[str, str]]:
    shop = review.shop
    categories = ", ".join(
        f"{category.replace('_', ' ')} {count}" for category, count in review.complaint_categories
    )
    return [
        ("Sales", str(shop.sales)),
        ("Sales to known customers", _share(shop)),
        ("Known customers who came", str(review.customers)),
        ("Lapsed customers won back", str(review.won_back)),
        ("Ratings", str(shop.ratings)),
        ("Average rating", _average_stars(shop)),
        ("Rating distribution", "  ".join(
            f"{stars}★ {count}" for stars, count in reversed(
                list(enumerate(shop.stars, MIN_STARS)))
        )),
        ("Complaints opened", str(shop.complaints_opened)),
        ("Complaints resolved", str(shop.complaints_resolved)),
        ("Complaints still open at close", str(shop.complaints_open_at_close)),
        ("Complaints by category", categories or "none"),
        ("Time to apology", _timing(shop.time_to_apology)),
        ("Time to first response", _timing(shop.time_to_first_response)),
        ("Time to resolution", _timing(shop.time_to_resolution)),
        ("Promises due", str(shop.promises_due)),
        ("Promises kept", str(shop.promises_kept)),
        ("Promises broken", str(shop.promises_broken)),
        ("Promises overdue at close", str(shop.promises_overdue_at_close)),
        ("Follow-ups done", str(shop.follow_ups_done)),
        ("Follow-ups overdue at close", str(shop.follow_ups_overdue_at_close)),
    ]


def _person_row(name: str, figures: ServiceFigures) -> tuple[str, ...]:
    return (
        name, str(figures.sales), _share(figures), str(figures.ratings),
        _average_stars(figures), str(figures.complaints_opened),
        str(figures.complaints_resolved), str(figures.promises_due),
        str(figures.promises_kept), str(figures.promises_broken),
        str(figures.follow_ups_done), str(figures.follow_ups_overdue_at_close),
    )


def _fill(table: QTableWidget, rows: list[tuple[str, ...]] | list[tuple[str, str]]) -> None:
    table.setRowCount(len(rows))
    for row, cells in enumerate(rows):
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column:
                item.setTextAlignment(_NUMBER_ALIGNMENT if _numeric(text) else _TEXT_ALIGNMENT)
            table.setItem(row, column, item)
    table.resizeColumnsToContents()


_NUMBER_ALIGNMENT: Any = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_TEXT_ALIGNMENT: Any = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _numeric(text: str) -> bool:
    return text.replace(".", "", 1).isdigit()


def _share(figures: ServiceFigures) -> str:
    share = figures.known_customer_share_bp
    if share is None:
        return "-"
    return f"{figures.known_customer_sales} of {figures.sales} ({share / 100:.0f}%)"


def _average_stars(figures: ServiceFigures) -> str:
    average = figures.average_stars
    return "-" if average is None else f"{average:.1f}"


def _timing(timing: Timing) -> str:
    """ "25 min" for one complaint; "median 2 h 05 min (average 1 h 10 min, 3 complaints)"
    for several; "-" for none."""
    median, average = timing.median, timing.average
    if average is None:
        return "-"
    if timing.count == 1:
        return duration_text(median or average)
    counted = f"{timing.count} complaints"
    if median is None:
        return f"average {duration_text(average)} ({counted})"
    return f"median {duration_text(median)} (average {duration_text(average)}, {counted})"


def duration_text(span: timedelta) -> str:
    """A response time as people say it: "under a minute", "25 min", "2 h 05 min",
    "3 d 4 h"."""
    minutes = int(span.total_seconds() // 60)
    if minutes < 1:
        return "under a minute"
    hours, minutes = divmod(minutes, 60)
    if not hours:
        return f"{minutes} min"
    days, hours = divmod(hours, 24)
    if not days:
        return f"{hours} h {minutes:02d} min"
    return f"{days} d {hours} h"


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
