"""The catalogue and the customers an Online Retail file implies.

The file has no product or customer list of its own, only invoice lines. A product is
each stock code on an imported line: named by its most common description (tidied),
priced at its latest price. A customer is each CustomerID, called "Customer <id>"
(the file holds no names), with their country in the notes.
"""

from collections import Counter
from collections.abc import Sequence
from datetime import date

from pos.services.customer_input import check_customer
from pos.services.customer_types import NewCustomer
from pos.services.demo import tidy_name
from pos.services.importing.customers import CustomerRecord
from pos.services.importing.products import ProductRecord
from pos.services.importing.receipts import ReceiptRecord
from pos.services.importing.rows import SaleLineRow


def products_of(receipts: Sequence[ReceiptRecord]) -> list[ProductRecord]:
    by_code: dict[str, list[SaleLineRow]] = {}
    for receipt in receipts:
        for line in receipt.lines:
            by_code.setdefault(line.product_code, []).append(line)
    records = []
    for code, lines in by_code.items():
        names = Counter(line.product_name for line in lines if line.product_name)
        latest = max(lines, key=lambda line: (line.at, line.line))
        records.append(ProductRecord(
            lines=tuple(line.line for line in lines), code=code,
            name=(tidy_name(names.most_common(1)[0][0]) if names else "") or code,
            price_minor=latest.unit_price_minor, tax_rate_bp=None, category="", barcodes=(),
        ))
    return records


def customers_of(
    receipts: Sequence[ReceiptRecord], *, region: str, today: date
) -> list[CustomerRecord]:
    by_code: dict[str, list[SaleLineRow]] = {}
    for receipt in receipts:
        if receipt.customer_code:
            by_code.setdefault(receipt.customer_code, []).extend(receipt.lines)
    records = []
    for code, lines in by_code.items():
        countries = Counter(line.country for line in lines if line.country)
        notes = f"Country: {countries.most_common(1)[0][0]}" if countries else ""
        new = NewCustomer(name=f"Customer {code}", code=code, notes=notes)
        records.append(CustomerRecord(
            tuple(line.line for line in lines), check_customer(new, region=region, today=today)
        ))
    return records
