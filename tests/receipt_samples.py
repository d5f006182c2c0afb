"""Receipts as plain data for the layout, ESC/POS, PDF and e-mail tests."""

from dataclasses import replace
from typing import Any

from pos.domain.receipt_model import Currency, Receipt, ReceiptLine, ReceiptPayment, ShopHeader
from pos.domain.tax import TaxLine


def sample_receipt(**changes: Any) -> Receipt:
    """A receipt with everything a layout must handle: a line discount, two VAT rates,
    a split tender with change, a known customer and non-ASCII names."""
    receipt = Receipt(
        shop=ShopHeader("Café Zoë", "12 Rue de la Paix\nLondon W1 2AB", "GB123456789"),
        register="Till 1",
        cashier="Alex",
        issued_at="24/11/2026, 10:30",
        receipt_number="R1-000042",
        kind="sale",
        lines=(
            ReceiptLine("Crème brûlée pot", 2, 250, 500, 50, 450, 2000),
            ReceiptLine("Ñandú feather duster with an extra long handle for high shelves",
                        1, 1299, 1299, 0, 1299, 2000),
            ReceiptLine("Tea, Earl Grey (loose, 100 g)", 3, 150, 450, 0, 450, 500),
            ReceiptLine("Coin purse for € and £ \N{EM DASH} Ærø", 1, 300, 300, 0, 300, 2000),
        ),
        subtotal_minor=2549,
        discount_minor=50,
        tax_minor=363,
        total_minor=2499,
        taxes=(TaxLine(500, 429, 21, 450), TaxLine(2000, 1707, 342, 2049)),
        tax_added=False,
        payments=(ReceiptPayment("Card", 1000, "A1B2C3"), ReceiptPayment("Cash", 2000)),
        change_minor=501,
        currency=Currency("GBP", "£"),
        thank_you="Thank you for shopping with us, welcome again",
        customer_name="Zoë Müller-Lüdenscheidt",
    )
    return replace(receipt, **changes)
