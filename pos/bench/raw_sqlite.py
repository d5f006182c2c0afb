"""The raw-SQLite baseline for `sale_commit_vs_raw_sqlite`, and safe copies of SQLite files.

The baseline writes the rows a sale consists of (the register's receipt counter, the
sale, its lines, its payment) with the standard library's `sqlite3`, in one
`BEGIN IMMEDIATE` transaction, with the app's pragmas: the cost of the bare writes.
"""

import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from pos.bench.timing import timed_ms
from pos.db.engine import BUSY_TIMEOUT_MS
from pos.domain.pricing import PricingRules, price_cart
from pos.domain.receipts import format_receipt_number
from pos.domain.tender import settle
from pos.services.checkout import SaleRequest

APP_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
    "PRAGMA synchronous=FULL",
)
"""What `pos.db.engine` sets on every SQLite connection of the app."""

NEXT_RECEIPT = (
    "UPDATE register SET last_receipt_seq = last_receipt_seq + 1 WHERE code = ? "
    "RETURNING id, last_receipt_seq"
)
INSERT_SALE = (
    "INSERT INTO sale (uuid, kind, register_id, receipt_seq, receipt_number, shift_id, "
    "cashier_id, customer_id, return_reason, subtotal_minor, discount_minor, tax_minor, "
    "total_minor, completed_at) VALUES (?, 'sale', ?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?)"
)
INSERT_LINE = (
    "INSERT INTO sale_line (sale_id, line_no, product_id, product_code, name, quantity, "
    "weight_grams, unit_price_minor, discount_minor, tax_rate_bp, tax_minor, total_minor) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
INSERT_PAYMENT = (
    "INSERT INTO payment (sale_id, method, amount_minor, tendered_minor, change_minor, "
    "reference, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
)

Params = tuple[object, ...]


@dataclass(frozen=True, slots=True)
class RawSale:
    """A sale's rows as parameters, the sale's id and receipt number left to fill in."""

    uuid: str
    sale: Params
    """shift, cashier, customer, subtotal, discount, tax, total, completed_at."""
    lines: tuple[Params, ...]
    """Each line's columns after `sale_id`."""
    payments: tuple[Params, ...]
    """Each payment's columns after `sale_id`."""


def raw_sale(request: SaleRequest, rules: PricingRules, shift_id: int, at: datetime) -> RawSale:
    """The rows `CheckoutService.complete_sale` writes for `request`, priced the same way."""
    totals = price_cart(request.cart, rules)
    settlement = settle(
        totals.total_minor, request.tenders, cash_rounding_minor=rules.cash_rounding_minor
    )
    stamp = sqlite_timestamp(at)
    change = settlement.change_minor
    (tender,) = request.tenders  # the benchmark pays each sale with one cash tender
    return RawSale(
        uuid=request.uuid,
        sale=(
            shift_id, request.cashier_id, request.customer_id, totals.subtotal_minor,
            totals.discount_minor, totals.tax_minor, totals.total_minor, stamp,
        ),
        lines=tuple(
            (
                number, line.product_id, line.code, line.name, line.quantity, line.weight_grams,
                line.unit_price_minor, priced.discount_minor, line.tax_rate_bp,
                priced.tax_minor, priced.total_minor,
            )
            for number, (line, priced) in enumerate(
                zip(request.cart.lines, totals.lines, strict=True), 1
            )
        ),
        payments=(
            (tender.method, tender.amount_minor - change, tender.amount_minor, change,
             tender.reference, stamp),
        ),
    )


def sqlite_timestamp(at: datetime) -> str:
    """`at` as SQLAlchemy stores a `UtcDateTime` in SQLite (naive UTC, microseconds)."""
    return at.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")


def connect_like_the_app(path: Path) -> sqlite3.Connection:
    """A `sqlite3` connection in autocommit mode (explicit BEGIN) with the app's pragmas."""
    connection = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
    for pragma in APP_PRAGMAS:
        connection.execute(pragma)
    return connection


def write_raw_sale(connection: sqlite3.Connection, register_code: str, sale: RawSale) -> None:
    """One sale in one transaction: receipt counter, sale, lines, payment."""
    connection.execute("BEGIN IMMEDIATE")
    try:
        register_id, sequence = connection.execute(NEXT_RECEIPT, (register_code,)).fetchone()
        sale_id = connection.execute(
            INSERT_SALE,
            (sale.uuid, register_id, sequence,
             format_receipt_number(register_code, sequence), *sale.sale),
        ).lastrowid
        connection.executemany(INSERT_LINE, [(sale_id, *line) for line in sale.lines])
        connection.executemany(INSERT_PAYMENT, [(sale_id, *paid) for paid in sale.payments])
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise


def raw_sqlite_commit_samples(
    path: Path, register_code: str, sales: list[RawSale]
) -> list[float]:
    """Milliseconds of `write_raw_sale` for each of `sales` on the SQLite file at `path`."""
    with closing(connect_like_the_app(path)) as connection:
        return timed_ms(lambda sale: write_raw_sale(connection, register_code, sale), sales)


@contextmanager
def sqlite_copy(source: Path) -> Iterator[Path]:
    """A consistent copy of the SQLite file `source` (its WAL included), deleted afterwards.

    The copy sits in a temporary directory beside `source`, on the same file system,
    so commits to it cost what commits to the original would.
    """
    with tempfile.TemporaryDirectory(prefix=".bench-copy-", dir=source.parent) as directory:
        copy = Path(directory) / source.name
        with (
            closing(sqlite3.connect(source)) as original,
            closing(sqlite3.connect(copy)) as target,
        ):
            original.backup(target)
        yield copy
