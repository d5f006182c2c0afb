"""Importing past receipts as sales and returns of the shop's history.

Receipts keep their own numbers (the idempotency key: a number already imported is
left alone) on a register of their own, `IMPORT`, taken by an inactive user, outside
any shift. Prices are what the customer paid, tax included; the tax in them is worked
out at each product's rate. Sales are written before returns, in time order, so a
return can be linked to the sale it took back (`originals`). Each chunk commits with
the statistics of the customers it touched rebuilt, so an interrupted import leaves
whole receipts and true statistics behind.
"""

import uuid
from collections import Counter
from collections.abc import Sequence
from typing import Any

from pos.db.customer_stats import rebuild_customer_stats
from pos.db.importing import ImportRepository, KnownCustomer, KnownProduct, PastLine
from pos.db.models import Sale, SaleLine
from pos.db.uow import SqlAlchemyUnitOfWork
from pos.domain.tax import tax_of
from pos.services.importing.batches import ChunkedImporter
from pos.services.importing.originals import Original, find_original
from pos.services.importing.receipts import ReceiptRecord, held_back
from pos.services.importing.rows import Reject
from pos.services.importing.summary import SalesCounts

IMPORT_NAMESPACE = uuid.UUID("6f1c1d3e-7a52-4c1e-9d55-6b0b8f3e2a10")
"""Imported sales' UUIDs are uuid5(this, receipt number): the same on every run."""
RETURN_REASON = "imported return"


class SalesImporter(ChunkedImporter):
    def run(self, receipts: Sequence[ReceiptRecord]) -> tuple[SalesCounts, list[Reject]]:
        """Write the receipts not imported yet: sales, then returns, each in time order
        (every sale is in before a return looks for the sale it took back)."""
        ordered = sorted(receipts, key=lambda r: (r.at, r.number))
        counts, rejects = SalesCounts(), list[Reject]()
        for stage, kind in (("sales", "sale"), ("returns", "return")):
            of_kind = [receipt for receipt in ordered if receipt.kind == kind]
            for uow, chunk in self.each_chunk(stage, of_kind, lambda r: len(r.lines)):
                rejects.extend(self._write_chunk(uow, chunk, counts))
        return counts, rejects

    def _write_chunk(
        self, uow: SqlAlchemyUnitOfWork, chunk: Sequence[ReceiptRecord], counts: SalesCounts
    ) -> list[Reject]:
        repo = ImportRepository(uow.session)
        register_id = repo.import_register(self.context.now)
        used = repo.receipts([receipt.number for receipt in chunk])
        products = repo.products({line.product_code for r in chunk for line in r.lines})
        customers = repo.customers_by_code({r.customer_code for r in chunk if r.customer_code})
        rejects: list[Reject] = []
        writable: list[ReceiptRecord] = []
        for receipt in chunk:
            if used.get(receipt.number) == register_id:
                counts.existing += 1
                continue
            problem = _problem(receipt, used, products, customers)
            if problem is None:
                writable.append(receipt)
            else:
                rejects.extend(held_back(receipt.number, receipt.lines, *problem))
        if writable:
            self._write(repo, writable, register_id, products, customers, counts)
            rebuild_customer_stats(uow.session, {
                customers[r.customer_code].id for r in writable
                if r.customer_code and not customers[r.customer_code].erased
            })
        return rejects

    def _write(
        self,
        repo: ImportRepository,
        receipts: Sequence[ReceiptRecord],
        register_id: int,
        products: dict[str, KnownProduct],
        customers: dict[str, KnownCustomer],
        counts: SalesCounts,
    ) -> None:
        cashier_id = repo.import_user(self.context.now)
        first_seq = repo.take_sequence(register_id, len(receipts))
        customer_ids = [_customer_id(customers, receipt) for receipt in receipts]
        past = _past_lines(repo, receipts, customer_ids)
        sale_rows, originals = [], []
        pairs = zip(receipts, customer_ids, strict=True)
        for seq, (receipt, customer_id) in enumerate(pairs, start=first_seq):
            original = None
            if receipt.kind == "return" and customer_id is not None:
                codes = [line.product_code for line in receipt.lines]
                bought = [line for line in past.get(customer_id, ())
                          if line.completed_at <= receipt.at]
                original = find_original(bought, codes)
            originals.append(original)
            sale_rows.append(_sale_row(receipt, seq, register_id, cashier_id, customer_id,
                                       original, products))
        sale_ids = repo.insert_returning_ids(Sale, sale_rows)
        line_rows = [
            row
            for sale_id, receipt, original in zip(sale_ids, receipts, originals, strict=True)
            for row in _line_rows(sale_id, receipt, original, products)
        ]
        repo.insert(SaleLine, line_rows)
        counts.sales += sum(1 for receipt in receipts if receipt.kind == "sale")
        counts.returns += sum(1 for receipt in receipts if receipt.kind == "return")
        counts.returns_linked += sum(1 for original in originals if original is not None)
        counts.lines += len(line_rows)


def _customer_id(customers: dict[str, KnownCustomer], receipt: ReceiptRecord) -> int | None:
    """The receipt's customer; None for walk-ins and for customers erased at their request."""
    known = customers.get(receipt.customer_code)
    return None if known is None or known.erased else known.id


def _past_lines(
    repo: ImportRepository, receipts: Sequence[ReceiptRecord], customer_ids: list[int | None]
) -> dict[int, list[PastLine]]:
    """What the returns' customers bought before, in one read for the whole chunk."""
    returns = [
        (receipt, customer_id)
        for receipt, customer_id in zip(receipts, customer_ids, strict=True)
        if receipt.kind == "return" and customer_id is not None
    ]
    if not returns:
        return {}
    return repo.past_lines(
        {customer_id for _, customer_id in returns},
        max(receipt.at for receipt, _ in returns),
        {line.product_code for receipt, _ in returns for line in receipt.lines},
    )


def _problem(
    receipt: ReceiptRecord,
    used: dict[str, int],
    products: dict[str, KnownProduct],
    customers: dict[str, KnownCustomer],
) -> tuple[int, str] | None:
    """(line, reason) that keeps a receipt out: its number taken by the till, an unknown
    product or customer."""
    first = receipt.lines[0].line
    if receipt.number in used:
        return first, (
            f"receipt number {receipt.number} is already used by a sale of this shop's own "
            "tills; give the imported receipts another number (e.g. a prefix)"
        )
    if receipt.customer_code and receipt.customer_code not in customers:
        return first, (
            f"customer code {receipt.customer_code} is not known; import the customers first"
        )
    for line in receipt.lines:
        if line.product_code not in products:
            return line.line, (
                f"product code {line.product_code} is not in the catalogue; import the "
                "products first"
            )
    return None


def _sale_row(
    receipt: ReceiptRecord,
    seq: int,
    register_id: int,
    cashier_id: int,
    customer_id: int | None,
    original: Original | None,
    products: dict[str, KnownProduct],
) -> dict[str, Any]:
    total = sum(line.quantity * line.unit_price_minor for line in receipt.lines)
    tax = sum(
        _tax(line.quantity * line.unit_price_minor, products[line.product_code])
        for line in receipt.lines
    )
    return {
        "uuid": str(uuid.uuid5(IMPORT_NAMESPACE, receipt.number)), "kind": receipt.kind,
        "register_id": register_id, "receipt_seq": seq, "receipt_number": receipt.number,
        "shift_id": None, "cashier_id": cashier_id, "customer_id": customer_id,
        "original_sale_id": None if original is None else original.sale_id,
        "return_reason": RETURN_REASON if receipt.kind == "return" else "",
        "subtotal_minor": total, "discount_minor": 0, "tax_minor": tax, "total_minor": total,
        "completed_at": receipt.at,
    }


def _line_rows(
    sale_id: int, receipt: ReceiptRecord, original: Original | None,
    products: dict[str, KnownProduct],
) -> list[dict[str, Any]]:
    seen: Counter[str] = Counter()
    rows = []
    for number, line in enumerate(receipt.lines, start=1):
        product = products[line.product_code]
        total = line.quantity * line.unit_price_minor
        original_line = None
        if original is not None:
            original_line = original.line_for(line.product_code, seen[line.product_code])
        seen[line.product_code] += 1
        rows.append({
            "sale_id": sale_id, "line_no": number, "product_id": product.id,
            "original_line_id": original_line, "product_code": line.product_code,
            "name": product.name, "quantity": line.quantity, "weight_grams": None,
            "unit_price_minor": line.unit_price_minor, "discount_minor": 0,
            "tax_rate_bp": product.tax_rate_bp, "tax_minor": _tax(total, product),
            "total_minor": total,
        })
    return rows


def _tax(amount_minor: int, product: KnownProduct) -> int:
    return tax_of(amount_minor, product.tax_rate_bp, prices_include_tax=True)
