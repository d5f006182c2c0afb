"""Write the Z report and the customers report of a fresh demo shop, and save their first
pages as PNG for the README (`pdftoppm -png -r 80 -f 1 -l 1`, from poppler-utils).

    .venv/bin/python scripts/report_screenshots.py [docs/screenshots]
"""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pos.config import load_settings
from pos.services.demo_setup import prepare_demo
from pos.services.reports import ReportRequest, ReportService

PAGES = {
    "z-report": ReportRequest("z", register_code="1"),
    "customers-report": ReportRequest("customers"),
}


def main(out_dir: Path) -> int:
    if shutil.which("pdftoppm") is None:
        print("pdftoppm is missing: apt-get install poppler-utils", file=sys.stderr)
        return 3
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pos-report-shots-") as data:
        database = prepare_demo(load_settings(data_dir=Path(data)), reset=False)
        try:
            service = ReportService(database)
            for name, request in PAGES.items():
                pdf = Path(data) / f"{name}.pdf"
                service.write(request, pdf)
                subprocess.run(
                    ["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile",
                     str(pdf), str(out_dir / name)],
                    check=True,
                )
                print(f"wrote {out_dir / name}.png")
        finally:
            database.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots")))
