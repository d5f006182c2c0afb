"""Take the README's screenshots of the till on a fresh demo shop, mid-sale.

Run under a real or virtual X screen: `make screenshots` (xvfb-run).
"""

import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from pos.app import build_main_window
from pos.config import load_settings
from pos.db.database import Database
from pos.db.models import Customer
from pos.domain.birthdays import days_until_birthday
from pos.services.catalogue import CatalogueService
from pos.services.demo_setup import prepare_demo
from pos.ui.main_window import MainWindow

SEARCHES = ("mug", "heart", "lantern", "card")


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

        def capture() -> None:
            target = out_dir / "till.png"
            window.grab().save(str(target))
            print(f"wrote {target}")
            window.close()
            database.close()
            app.quit()

        def on_ready() -> None:
            ring_up(window, catalogue)
            customer = birthday_customer(database)
            if customer is not None:
                window.customers.attach(customer)
            QTimer.singleShot(1500, capture)

        window.sig_ready.connect(on_ready)
        return app.exec()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
