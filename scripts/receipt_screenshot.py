"""Make the README's picture of a receipt: a demo-shop sale as the PDF receipt, as PNG.

Builds a throw-away demo shop, picks a recent sale to a known customer with several
lines and a cash payment, renders its receipt PDF (`pos.reports.receipt_pdf`) and
converts it with `pdftoppm -png -r 110` (Debian package poppler-utils).

    .venv/bin/python scripts/receipt_screenshot.py docs/screenshots/receipt.png
"""

import subprocess
import sys
import tempfile
from pathlib import Path

from sqlalchemy import func, select

from pos.config import load_settings
from pos.db.database import Database
from pos.db.models import Payment, Sale, SaleLine
from pos.services.demo_setup import prepare_demo
from pos.services.receipt_email import ReceiptEmailService

MIN_LINES = 4
RESOLUTION = "110"


def sale_to_show(database: Database) -> int:
    """The newest sale to a customer with at least `MIN_LINES` lines and a cash payment."""
    lines = select(SaleLine.sale_id).group_by(SaleLine.sale_id).having(
        func.count() >= MIN_LINES)
    cash = select(Payment.sale_id).where(Payment.method == "cash")
    with database.reader() as uow:
        sale_id = uow.session.scalar(
            select(Sale.id)
            .where(Sale.kind == "sale", Sale.customer_id.is_not(None), Sale.id.in_(lines),
                   Sale.id.in_(cash))
            .order_by(Sale.completed_at.desc())
            .limit(1)
        )
    if sale_id is None:
        raise SystemExit("the demo shop has no sale to show")
    return int(sale_id)


def main(target: Path) -> int:
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="pos-receipt-") as data:
        settings = load_settings({}, data_dir=Path(data))  # never the shop in the environment
        database = prepare_demo(settings, reset=False)
        try:
            pdf = ReceiptEmailService(database, settings).receipt_pdf(sale_to_show(database))
        finally:
            database.close()
        pdf_path = Path(data) / "receipt.pdf"
        pdf_path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", RESOLUTION, "-singlefile", str(pdf_path),
                        str(target.with_suffix(""))], check=True)
    print(f"wrote {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots/receipt.png")))
