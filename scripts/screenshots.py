"""Take the README's screenshots of the till on a fresh demo shop.

Run under a real or virtual X screen: `make screenshots` (xvfb-run).
"""

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from pos.app import build_main_window
from pos.config import load_settings
from pos.services.demo_setup import prepare_demo


def main(out_dir: Path) -> int:
    out_dir.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="pos-screens-") as data:
        settings = load_settings(data_dir=Path(data))
        prepare_demo(settings, reset=False).close()
        window = build_main_window(data_dir=Path(data))
        window.resize(1360, 860)
        window.show()

        def capture() -> None:
            target = out_dir / "till.png"
            window.grab().save(str(target))
            print(f"wrote {target}")
            window.close()
            app.quit()

        # Let the status bar's database check and the layout settle before grabbing.
        window.sig_ready.connect(lambda: QTimer.singleShot(1500, capture))
        return app.exec()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
