"""Importing products: new codes are added, codes already in the catalogue are left as they
are (so a second import of the same file changes nothing)."""

from collections.abc import Sequence
from dataclasses import dataclass, field

from pos.db.importing import ImportRepository
from pos.db.models import Product, ProductBarcode
from pos.domain.errors import UserError
from pos.domain.text import search_key
from pos.services.importing.batches import ChunkedImporter
from pos.services.importing.rows import ProductRow, Reject
from pos.services.importing.summary import Counts

STANDARD_RATE_CODE = "STD"


@dataclass(frozen=True, slots=True)
class ProductRecord:
    """One product, from one row or several (one per extra barcode)."""

    lines: tuple[int, ...]
    code: str
    name: str
    price_minor: int
    tax_rate_bp: int | None
    """None: the shop's standard rate."""
    category: str
    barcodes: tuple[str, ...]


@dataclass
class _Merging:
    first: ProductRow
    lines: list[int] = field(default_factory=list)
    barcodes: list[str] = field(default_factory=list)


def merge_product_rows(rows: Sequence[ProductRow]) -> tuple[list[ProductRecord], list[Reject]]:
    """Rows with the same code make one product (each adds a barcode); they must agree
    on everything else, and a barcode may belong to one product only."""
    merged: dict[str, _Merging] = {}
    barcode_lines: dict[str, tuple[str, int]] = {}
    rejects: list[Reject] = []
    for row in rows:
        entry = merged.setdefault(row.code, _Merging(row))
        first = entry.first
        if (row.name, row.price_minor, row.tax_rate_bp, row.category) != (
            first.name, first.price_minor, first.tax_rate_bp, first.category
        ):
            rejects.append(Reject(row.line, (
                f"product {row.code} is on line {first.line} with another name, price, tax "
                "rate or category; repeat a product's row only to add a barcode"
            )))
            continue
        if row.barcode:
            owner = barcode_lines.setdefault(row.barcode, (row.code, row.line))
            if owner[0] != row.code:
                rejects.append(Reject(row.line, (
                    f"barcode {row.barcode} is already product {owner[0]}'s (line {owner[1]})"
                )))
                continue
            if row.barcode not in entry.barcodes:
                entry.barcodes.append(row.barcode)
        entry.lines.append(row.line)
    records = [
        ProductRecord(
            tuple(entry.lines), entry.first.code, entry.first.name, entry.first.price_minor,
            entry.first.tax_rate_bp, entry.first.category, tuple(entry.barcodes),
        )
        for entry in merged.values()
        if entry.lines
    ]
    return records, rejects


class ProductImporter(ChunkedImporter):
    def run(self, records: Sequence[ProductRecord]) -> tuple[Counts, list[Reject]]:
        counts, rejects = Counts(), list[Reject]()
        for uow, chunk in self.each_chunk("products", records):
            repo = ImportRepository(uow.session)
            known = repo.products([record.code for record in chunk])
            new = [record for record in chunk if record.code not in known]
            counts.existing += len(chunk) - len(new)
            taken = repo.barcode_owners([b for record in new for b in record.barcodes])
            writable = []
            for record in new:
                clash = next((b for b in record.barcodes if b in taken), None)
                if clash is None:
                    writable.append(record)
                    continue
                rejects.extend(Reject(line, (
                    f"barcode {clash} already belongs to product {taken[clash]}"
                )) for line in record.lines)
            self._write(repo, writable)
            counts.new += len(writable)
        return counts, rejects

    def _write(self, repo: ImportRepository, records: Sequence[ProductRecord]) -> None:
        rates = repo.tax_rates()
        categories = repo.categories()
        rows = []
        for record in records:
            rate_bp = record.tax_rate_bp
            if rate_bp is None:
                rate_id = _standard_rate(rates)
            elif rate_bp in rates:
                rate_id = rates[rate_bp][0]
            else:
                rate_id = repo.add_tax_rate(rate_bp)
                rates[rate_bp] = (rate_id, "")
            category_id = None
            if record.category:
                if record.category not in categories:
                    categories[record.category] = repo.add_category(record.category)
                category_id = categories[record.category]
            rows.append({
                "code": record.code, "name": record.name,
                "search_text": search_key(record.name, record.code),
                "price_minor": record.price_minor, "tax_rate_id": rate_id,
                "category_id": category_id, "sold_by_weight": False, "active": True,
                "created_at": self.context.now, "updated_at": self.context.now,
            })
        ids = repo.insert_returning_ids(Product, rows)
        repo.insert(ProductBarcode, [
            {"product_id": product_id, "barcode": barcode}
            for product_id, record in zip(ids, records, strict=True)
            for barcode in record.barcodes
        ])


def _standard_rate(rates: dict[int, tuple[int, str]]) -> int:
    """The rate coded STD, else the highest: what a product with no rate given is taxed at."""
    for rate_id, code in rates.values():
        if code == STANDARD_RATE_CODE:
            return rate_id
    if not rates:
        raise UserError("the shop has no tax rate; add one before importing products")
    return rates[max(rates)][0]
