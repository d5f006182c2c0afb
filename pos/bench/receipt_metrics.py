"""`pos bench`: `receipt_render_ms`, a 20-line receipt to ESC/POS bytes (target < 5 ms).

Measured on the renderer alone, with the default printer profile: the receipt is
built once beforehand, and one untimed render first pays for importing python-escpos
and loading the profile (the till does that once, at its first receipt).
"""

import random

from pos.bench.timing import Stats, measure
from pos.domain.receipt_model import Currency, Receipt, ReceiptLine, ReceiptPayment, ShopHeader
from pos.domain.tax import TaxLine
from pos.printing.escpos_render import RenderOptions, render_receipt

RUNS = {"small": 200, "large": 500}
LINES = 20
SEED = 20_261_124
WORDS = ("Vintage", "Heart", "T-light", "Holder", "Crème", "Brûlée", "Ceramic", "Garden",
         "Lantern", "Set of 3", "Ñandú", "Union Jack", "Doormat", "Retro", "Spotty", "Mug")


def receipt_render_ms(size: str, seed: int = SEED) -> Stats:
    receipt = bench_receipt(random.Random(seed))
    options = RenderOptions()
    render_receipt(receipt, options)
    return measure(lambda _: render_receipt(receipt, options), range(RUNS[size]))


def bench_receipt(rng: random.Random) -> Receipt:
    """A receipt of `LINES` lines like the demo shop's: long names, quantities, discounts."""
    lines = []
    for _ in range(LINES):
        quantity, price = rng.choice((1, 1, 2, 6)), rng.randrange(49, 2999, 50)
        discount = rng.choice((0, 0, 0, price // 10))
        name = " ".join(rng.sample(WORDS, rng.randint(2, 6)))
        lines.append(ReceiptLine(name, quantity, price, quantity * price, discount,
                                 quantity * price - discount, rng.choice((0, 500, 2000))))
    total = sum(line.total_minor for line in lines)
    return Receipt(
        shop=ShopHeader("Demo Gift Shop", "1 High Street\nYork YO1 7HH", "GB123456789"),
        register="Till 1", cashier="Alex", issued_at="24/11/2026, 10:30",
        receipt_number="R1-000123", kind="sale", lines=tuple(lines),
        subtotal_minor=sum(line.gross_minor for line in lines),
        discount_minor=sum(line.discount_minor for line in lines),
        tax_minor=total // 6, total_minor=total,
        taxes=(TaxLine(2000, total - total // 6, total // 6, total),), tax_added=False,
        payments=(ReceiptPayment("Cash", total + 500),), change_minor=500,
        currency=Currency("GBP", "£"), thank_you="Thank you for shopping with us, welcome again",
        customer_name="Zoë Müller",
    )
