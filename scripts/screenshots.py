"""Take the README's screenshots on a fresh demo shop: the till mid-sale, the greeting and
thank-you with the customer display, and each back-office section.

Run under a real or virtual X screen: `make screenshots` (xvfb-run). Each step runs on the
Qt event loop after the previous one has had time to load its figures in the background.
"""

import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QPoint, QTimer
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QLineEdit, QListWidget, QPushButton, QWidget
from sqlalchemy import select

from pos.app import build_main_window
from pos.config import load_settings
from pos.db.database import Database
from pos.db.models import Customer, User
from pos.domain.birthdays import days_until_birthday
from pos.services.catalogue import CatalogueService
from pos.services.demo_setup import prepare_demo
from pos.services.till_session import Cashier
from pos.ui.main_window import MainWindow
from pos.ui.widgets import find_by_accessible_name

SEARCHES = ("mug", "heart", "lantern", "card")
SECTIONS = {
    "Follow-ups": "follow-ups.png",
    "Win-back": "win-back.png",
    "Service review": "service-review.png",
    "Messages": "messages.png",
    "Reports": "reports.png",
}
"""Back-office sections and their screenshot (a section not built yet is skipped)."""
Step = tuple[int, Callable[[], None]]


def birthday_customer(database: Database) -> int | None:
    """A demo customer whose birthday is this week (the demo makes sure there are some)."""
    today = datetime.now(ZoneInfo("Europe/London")).date()
    with database.reader() as uow:
        rows = uow.session.execute(
            select(Customer.id, Customer.birthday_day, Customer.birthday_month)
            .where(Customer.birthday_day.is_not(None))
        ).all()
    for customer_id, day, month in rows:
        if day is not None and month is not None and days_until_birthday(day, month, today) < 7:
            return int(customer_id)
    return None


def _nothing(window: MainWindow) -> None:
    """A section shown as it opens."""


def _type_preview_customer(window: MainWindow) -> None:
    """Look a real customer up for the preview, and pick the first one found."""
    entry = find_by_accessible_name(window, "Message preview customer")
    results = find_by_accessible_name(window, "Message preview customers")
    assert isinstance(entry, QLineEdit)
    assert isinstance(results, QListWidget)
    entry.setText("Edward")
    entry.returnPressed.emit()
    QTimer.singleShot(900, lambda: results.setCurrentRow(0))


def _generate_report(window: MainWindow) -> None:
    button = find_by_accessible_name(window, "Generate report")
    assert isinstance(button, QPushButton)
    button.click()


SECTION_ACTIONS: dict[str, Callable[[MainWindow], None]] = {
    "Messages": _type_preview_customer,
    "Reports": _generate_report,
}
"""What a person would do in the section before the picture is taken."""


def owner(database: Database) -> Cashier:
    with database.reader() as uow:
        user = uow.session.scalars(select(User).where(User.role == "owner")).first()
        assert user is not None, "the demo shop has an owner"
        return Cashier(user.id, user.name, user.role)


def ring_up(window: MainWindow, catalogue: CatalogueService) -> None:
    """Put a believable sale on screen: four items, two of one, a discount, a search."""
    for term in SEARCHES:
        hits = catalogue.search(term)
        if hits:
            window.sale.scan(hits[0].code, 2 if term == "heart" else 1)
    QTimer.singleShot(400, lambda: window.sale.discount_line(1, "10%"))
    entry = window.till.product_entry
    entry.setText("owl")
    window.sale.search("owl")


def side_by_side(*widgets: QWidget) -> QPixmap:
    """One image of several widgets next to each other, on a light background."""
    grabs = [widget.grab() for widget in widgets]
    gap = 16
    width = sum(grab.width() for grab in grabs) + gap * (len(grabs) + 1)
    height = max(grab.height() for grab in grabs) + 2 * gap
    canvas = QPixmap(width, height)
    canvas.fill(QColor("#e8eaed"))
    painter = QPainter(canvas)
    x = gap
    for grab in grabs:
        painter.drawPixmap(QPoint(x, gap), grab)
        x += grab.width() + gap
    painter.end()
    return canvas


class Director:
    """Runs the steps one after another, each `delay` ms after the one before."""

    def __init__(self, app: QApplication, out_dir: Path) -> None:
        self._app = app
        self._out_dir = out_dir
        self._steps: list[Step] = []

    def then(self, delay_ms: int, action: Callable[[], None]) -> "Director":
        self._steps.append((delay_ms, action))
        return self

    def save(self, pixmap: QPixmap, name: str) -> None:
        target = self._out_dir / name
        pixmap.save(str(target))
        print(f"wrote {target}")

    def run(self) -> None:
        if not self._steps:
            self._app.quit()
            return
        delay, action = self._steps.pop(0)

        def step() -> None:
            action()
            self.run()

        QTimer.singleShot(delay, step)


def plan(director: Director, window: MainWindow, database: Database,
         catalogue: CatalogueService) -> None:
    display = window.customer_display
    customer_side = window.till.greeting.parentWidget()
    service_side = window.till.thank_you.parentWidget()
    assert customer_side is not None
    assert service_side is not None

    def start_sale() -> None:
        ring_up(window, catalogue)
        customer = birthday_customer(database)
        if customer is not None:
            window.customers.attach(customer)
        display.resize(560, 420)
        display.show()

    def during_sale() -> None:
        director.save(window.grab(), "till.png")
        director.save(side_by_side(customer_side, display), "greeting.png")

    def pay() -> None:
        window.till.product_entry.clear()
        window.sale.add_cash(str(window.till.total_due.text()))
        window.sale.complete()

    def rate_visit() -> None:
        window.till.rate_visit.setCurrentIndex(2)  # four stars, as a cashier records it
        window.till.rate_visit.activated.emit(2)

    def after_sale() -> None:
        director.save(side_by_side(service_side, display), "thank-you.png")
        display.hide()
        window.resize(1360, 880)

    director.then(0, start_sale).then(1800, during_sale).then(100, pay).then(1500, rate_visit)
    director.then(300, after_sale)
    viewer = owner(database)
    for title, name in SECTIONS.items():
        try:
            window.office.section(title)
        except LookupError:
            print(f"skipped {name}: no {title!r} section yet")
            continue

        def open_section(title: str = title) -> None:
            window.show_back_office(viewer, title)
            QTimer.singleShot(600, lambda: SECTION_ACTIONS.get(title, _nothing)(window))

        def capture(name: str = name) -> None:
            director.save(window.grab(), name)

        director.then(100, open_section).then(3000, capture)
    director.then(100, close_window(window)).then(100, QApplication.quit)


def close_window(window: MainWindow) -> Callable[[], None]:
    def close() -> None:
        window.close()

    return close


def main(out_dir: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="pos-screens-") as data:
        settings = load_settings(data_dir=Path(data))
        database = prepare_demo(settings, reset=False)
        catalogue = CatalogueService(database)
        window = build_main_window(data_dir=Path(data))
        window.resize(1360, 880)
        window.show()
        director = Director(app, out_dir)
        plan(director, window, database, catalogue)
        window.sig_ready.connect(director.run)
        code = app.exec()
        database.close()
        return code


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
