"""A receipt as plain data: what every output (ESC/POS, PDF, e-mail, preview) is made from.

Amounts stay integer minor units; `Currency` turns them into text the same way for
every output. Built by `pos.services.receipts` from a committed sale, so a receipt
never shows anything the database does not hold.
"""

from dataclasses import dataclass, replace
from typing import Literal

from pos.domain.money import format_minor
from pos.domain.tax import TaxLine

ReceiptKind = Literal["sale", "return"]


@dataclass(frozen=True, slots=True)
class Currency:
    """How amounts are written: the symbol (from Babel) and the number of decimals."""

    code: str
    symbol: str
    exponent: int = 2

    def amount(self, minor: int) -> str:
        """The amount without symbol, as in a line's price column ("-2.50")."""
        return format_minor(minor, self.exponent)

    def money(self, minor: int) -> str:
        """The amount with its symbol, sign first ("-£2.50")."""
        sign = "-" if minor < 0 else ""
        return f"{sign}{self.symbol}{format_minor(abs(minor), self.exponent)}"


@dataclass(frozen=True, slots=True)
class ShopHeader:
    name: str
    address: str
    """One or more lines, as the shop typed it."""
    vat_number: str


@dataclass(frozen=True, slots=True)
class ReceiptLine:
    """One sold (or, on a refund, returned: negative) line.

    `gross_minor` is the line before discounts (quantity x unit price, or the weighed
    price); `discount_minor` is everything taken off it, its share of a sale discount
    included; `total_minor` is what the line costs after them.
    """

    name: str
    quantity: int
    unit_price_minor: int
    gross_minor: int
    discount_minor: int
    total_minor: int
    tax_rate_bp: int
    weight_grams: int | None = None


@dataclass(frozen=True, slots=True)
class ReceiptPayment:
    """A tender as the customer sees it: "Cash 20.00" (tendered), "Card 7.49"."""

    label: str
    amount_minor: int
    reference: str = ""


@dataclass(frozen=True, slots=True)
class Receipt:
    shop: ShopHeader
    register: str
    cashier: str
    issued_at: str
    """The sale's time in the shop's zone, formatted for its locale."""
    receipt_number: str
    kind: ReceiptKind
    lines: tuple[ReceiptLine, ...]
    subtotal_minor: int
    discount_minor: int
    tax_minor: int
    total_minor: int
    taxes: tuple[TaxLine, ...]
    tax_added: bool
    """Prices excluded tax, so the tax is added to the lines to make the total."""
    payments: tuple[ReceiptPayment, ...]
    change_minor: int
    currency: Currency
    thank_you: str
    customer_name: str | None = None
    original_receipt_number: str | None = None
    """On a refund: the receipt of the sale it refunds."""
    qr_payload: str | None = None
    copy: bool = False
    gift: bool = False
    gift_for: str = ""
    """On a gift receipt: who the present is for ("Anna", "Anna and Ben")."""

    def as_copy(self) -> "Receipt":
        return replace(self, copy=True)

    def as_gift(self) -> "Receipt":
        return replace(self, gift=True)
