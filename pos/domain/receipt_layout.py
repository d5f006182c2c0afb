"""What a receipt says, in order, as rows: the one layout every output draws.

ESC/POS, the PDF and the settings preview each draw these rows in their own medium
(columns of characters, or points on a page), so a paper receipt, its PDF and the
preview never disagree about what is on it. A gift receipt leaves out every price.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from pos.domain.basis_points import format_bp
from pos.domain.receipt_model import Receipt, ReceiptLine
from pos.domain.tax import TaxLine

Emphasis = Literal["normal", "bold", "title", "total"]
"""`title`: double width and height (the shop's name); `total`: bold, double height."""

COPY_MARK = "*** COPY ***"
GIFT_MARK = "GIFT RECEIPT"
REFUND_MARK = "REFUND"
DETAIL_INDENT = 2


@dataclass(frozen=True, slots=True)
class TextRow:
    """Text on the left, optionally an amount right-aligned on the same row.

    Long `left` text wraps (never mid-word); `right` stays on the row's first line.
    """

    left: str
    right: str = ""
    centred: bool = False
    emphasis: Emphasis = "normal"
    indent: int = 0


@dataclass(frozen=True, slots=True)
class RuleRow:
    """A separating line across the receipt."""


@dataclass(frozen=True, slots=True)
class BarcodeRow:
    """A CODE128 barcode (the receipt number, for returns to scan)."""

    data: str


@dataclass(frozen=True, slots=True)
class QrRow:
    data: str


Row = TextRow | RuleRow | BarcodeRow | QrRow


def receipt_rows(receipt: Receipt) -> tuple[Row, ...]:
    """Every row of `receipt`, top to bottom."""
    return (
        *_header(receipt),
        *_lines(receipt),
        *([] if receipt.gift else [*_totals(receipt), *_payments(receipt), *_tax_summary(receipt)]),
        *_footer(receipt),
    )


def _header(receipt: Receipt) -> Iterator[Row]:
    if receipt.copy:
        yield TextRow(COPY_MARK, centred=True, emphasis="bold")
    yield TextRow(receipt.shop.name, centred=True, emphasis="title")
    for line in receipt.shop.address.splitlines():
        if line.strip():
            yield TextRow(line.strip(), centred=True)
    if receipt.shop.vat_number:
        yield TextRow(f"VAT {receipt.shop.vat_number}", centred=True)
    if receipt.gift:
        yield TextRow(GIFT_MARK, centred=True, emphasis="bold")
        if receipt.gift_for:
            yield TextRow(f"For {receipt.gift_for}", centred=True)
    if receipt.kind == "return":
        yield TextRow(REFUND_MARK, centred=True, emphasis="bold")
    yield RuleRow()
    yield TextRow(f"Receipt {receipt.receipt_number}", receipt.issued_at)
    yield TextRow(receipt.register, f"Cashier {receipt.cashier}")
    if receipt.original_receipt_number:
        yield TextRow(f"Refund of receipt {receipt.original_receipt_number}")
    yield RuleRow()


def _lines(receipt: Receipt) -> Iterator[Row]:
    for line in receipt.lines:
        if receipt.gift:
            yield TextRow(line.name, f"x{line.quantity}")
            continue
        yield TextRow(line.name, receipt.currency.amount(line.gross_minor))
        detail = _quantity_detail(receipt, line)
        if detail:
            yield TextRow(detail, indent=DETAIL_INDENT)
        if line.discount_minor:
            yield TextRow(
                "Discount", receipt.currency.amount(-line.discount_minor), indent=DETAIL_INDENT
            )
    yield RuleRow()


def _quantity_detail(receipt: Receipt, line: ReceiptLine) -> str:
    """"2 x 2.50", or "0.450 kg @ 12.00/kg" for a weighed item; "" for one unit."""
    if line.weight_grams is not None:
        kilos = f"{line.weight_grams // 1000}.{line.weight_grams % 1000:03d}"
        return f"{kilos} kg @ {receipt.currency.amount(line.unit_price_minor)}/kg"
    if line.quantity != 1:
        return f"{line.quantity} x {receipt.currency.amount(line.unit_price_minor)}"
    return ""


def _totals(receipt: Receipt) -> Iterator[Row]:
    currency = receipt.currency
    if receipt.discount_minor or receipt.tax_added:
        yield TextRow("Subtotal", currency.amount(receipt.subtotal_minor))
    if receipt.discount_minor:
        yield TextRow("Discount", currency.amount(-receipt.discount_minor))
    if receipt.tax_added:
        yield TextRow("VAT", currency.amount(receipt.tax_minor))
    yield TextRow("TOTAL", currency.money(receipt.total_minor), emphasis="total")
    yield RuleRow()


def _payments(receipt: Receipt) -> Iterator[Row]:
    for payment in receipt.payments:
        label = f"{payment.label} {payment.reference}".strip()
        yield TextRow(label, receipt.currency.money(payment.amount_minor))
    if receipt.change_minor:
        yield TextRow("Change", receipt.currency.money(receipt.change_minor), emphasis="bold")
    if receipt.payments or receipt.change_minor:
        yield RuleRow()


def _tax_summary(receipt: Receipt) -> Iterator[Row]:
    if not receipt.taxes:
        return
    for tax in receipt.taxes:
        yield TextRow(_tax_text(receipt, tax), receipt.currency.amount(tax.tax_minor))
    yield RuleRow()


def _tax_text(receipt: Receipt, tax: TaxLine) -> str:
    rate = format_bp(tax.rate_bp)
    if receipt.tax_added:
        return f"VAT {rate} on {receipt.currency.amount(tax.net_minor)}"
    return f"VAT {rate} incl. in {receipt.currency.amount(tax.gross_minor)}"


def _footer(receipt: Receipt) -> Iterator[Row]:
    if receipt.customer_name and not receipt.gift:
        yield TextRow(f"Customer: {receipt.customer_name}")
    if receipt.thank_you.strip():
        yield TextRow(receipt.thank_you.strip(), centred=True)
    yield BarcodeRow(receipt.receipt_number)
    if receipt.qr_payload:
        yield QrRow(receipt.qr_payload)
    if receipt.copy:
        yield TextRow(COPY_MARK, centred=True, emphasis="bold")
