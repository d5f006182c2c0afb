"""Sales lines grouped into receipts, and which receipts cannot be imported whole.

A receipt is imported whole or not at all: when one of its lines cannot be read (or
names an unknown product), every line is reported, so that fixing that line and
importing the file again brings the receipt in complete. Lines that are no sale at
all (price 0 or below) were already left out by `rows`, and their receipt goes ahead.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pos.services.importing.rows import Reject, SaleLineRow

SaleKind = Literal["sale", "return"]


@dataclass(frozen=True, slots=True)
class ReceiptRecord:
    number: str
    at: datetime
    """The earliest time on its lines (a till's clock may tick between lines)."""
    customer_code: str
    """"" for a walk-in sale."""
    kind: SaleKind
    lines: tuple[SaleLineRow, ...]


def held_back(receipt: str, lines: Sequence[SaleLineRow], line: int, reason: str) -> list[Reject]:
    """Every line of a receipt refused because of one of them."""
    return [
        Reject(row.line, reason if row.line == line else
               f"receipt {receipt} not imported because line {line} was refused: {reason}")
        for row in lines
    ]


def group_receipts(
    rows: Sequence[SaleLineRow], rejects: Sequence[Reject], *, cancellation_prefix: str
) -> tuple[list[ReceiptRecord], list[Reject]]:
    """Receipts from their lines, with the rejects of receipts held back.

    With a `cancellation_prefix` ("C" in Online Retail) receipts starting with it are
    returns and must take items back, the others must sell; without one, a receipt
    whose every quantity is negative is a return.
    """
    held = {reject.holds_receipt: reject for reject in rejects if reject.holds_receipt}
    grouped: dict[str, list[SaleLineRow]] = {}
    for row in rows:
        grouped.setdefault(row.receipt, []).append(row)
    receipts: list[ReceiptRecord] = []
    refused: list[Reject] = []
    for number, lines in grouped.items():
        problem = _problem(number, lines, cancellation_prefix)
        if number in held:
            problem = (held[number].line, held[number].reason)
        if problem is not None:
            refused.extend(held_back(number, lines, *problem))
            continue
        if cancellation_prefix:
            kind: SaleKind = "return" if number.startswith(cancellation_prefix) else "sale"
        else:
            kind = "return" if all(row.quantity < 0 for row in lines) else "sale"
        receipts.append(ReceiptRecord(
            number, min(row.at for row in lines), lines[0].customer_code, kind, tuple(lines)
        ))
    return receipts, refused


def _problem(
    number: str, lines: Sequence[SaleLineRow], cancellation_prefix: str
) -> tuple[int, str] | None:
    """(line, reason) of the first line that keeps the receipt out, if any."""
    first = lines[0]
    for row in lines[1:]:
        if row.customer_code != first.customer_code:
            return row.line, (
                f"receipt {number} is for customer {first.customer_code or '(none)'} on line "
                f"{first.line} but {row.customer_code or '(none)'} here"
            )
    if not cancellation_prefix:
        return None
    cancelled = number.startswith(cancellation_prefix)
    for row in lines:
        if cancelled and row.quantity > 0:
            return row.line, f"cancellation {number} has a positive quantity ({row.quantity})"
        if not cancelled and row.quantity < 0:
            return row.line, (
                f"negative quantity ({row.quantity}) on invoice {number}, which is not a "
                f"cancellation (those start with {cancellation_prefix})"
            )
    return None
