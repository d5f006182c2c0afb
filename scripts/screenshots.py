"""Take the README's screenshots of the till on a fresh demo shop, mid-sale.

Run under a real or virtual X screen: `make screenshots` (xvfb-run).
"""

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from pos.app import build_main_window
from pos.config import load_settings
from pos.services.catalogue import CatalogueService
from pos.services.demo_setup import prepare_demo
from pos.ui.main_window import MainWindow

SEARCHES = ("mug", "heart", "lantern", "card")


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
            QTimer.singleShot(1500, capture)

        window.sig_ready.connect(on_ready)
        return app.exec()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
