"""Finding products: by barcode or code (one indexed read) and by text as you type.

Text search never scans the table: SQLite uses the FTS5 trigram index (migration
0002), PostgreSQL the pg_trgm GIN index; queries shorter than a trigram use the
B-tree index on `search_text` as a prefix range.
"""

from datetime import datetime
from typing import cast

from sqlalchemy import Integer, Select, and_, case, column, select, text
from sqlalchemy.orm import Session

from pos.db.models import Product, ProductBarcode, TaxRate
from pos.domain.text import search_key

PRODUCT_COLUMNS = (
    Product.id,
    Product.code,
    Product.name,
    Product.price_minor,
    TaxRate.rate_bp,
    Product.active,
    Product.sold_by_weight,
)
TRIGRAM = 3

ProductRow = tuple[int, str, str, int, int, bool, bool]
"""id, code, name, price_minor, tax_rate_bp, active, sold_by_weight"""


def _product_select() -> Select[int, str, str, int, int, bool, bool]:
    return select(*PRODUCT_COLUMNS).join(TaxRate, TaxRate.id == Product.tax_rate_id)


class CatalogueRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def by_barcode_or_code(self, code: str) -> ProductRow | None:
        """The product whose barcode (or, failing that, product code) is `code`."""
        row = self.session.execute(
            _product_select()
            .join(ProductBarcode, ProductBarcode.product_id == Product.id)
            .where(ProductBarcode.barcode == code)
        ).first()
        if row is None:
            row = self.session.execute(_product_select().where(Product.code == code)).first()
        return None if row is None else cast(ProductRow, tuple(row))

    def search(self, key: str, limit: int) -> list[ProductRow]:
        """Active products whose name or code contains `key` (already a search key),
        names starting with it first."""
        prefix_end = key + "\uffff"
        starts = and_(Product.search_text >= key, Product.search_text < prefix_end)
        query = _product_select().where(Product.active.is_(True))
        if len(key) < TRIGRAM:
            query = query.where(starts)
        elif self.session.get_bind().dialect.name == "sqlite":
            fts = '"' + key.replace('"', '""') + '"'
            matching = (
                text("SELECT rowid FROM product_fts WHERE product_fts MATCH :fts")
                .bindparams(fts=fts)
                .columns(column("rowid", Integer))
            )
            query = query.where(Product.id.in_(matching))
        else:
            escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            query = query.where(Product.search_text.like(f"%{escaped}%", escape="\\"))
        query = query.order_by(case((starts, 0), else_=1), Product.name).limit(limit)
        return [cast(ProductRow, tuple(row)) for row in self.session.execute(query)]

    def standard_tax_rate_id(self) -> int | None:
        """The shop's standard rate (code STD), else its highest active rate."""
        by_code = self.session.scalar(select(TaxRate.id).where(TaxRate.code == "STD"))
        if by_code is not None:
            return int(by_code)
        highest = self.session.scalar(
            select(TaxRate.id).where(TaxRate.active.is_(True)).order_by(TaxRate.rate_bp.desc())
        )
        return None if highest is None else int(highest)

    def add_product(
        self, code: str, name: str, price_minor: int, tax_rate_id: int, at: datetime
    ) -> int:
        """A new product sold under `code`, which is also its barcode."""
        product = Product(
            code=code, name=name, search_text=search_key(name, code), price_minor=price_minor,
            tax_rate_id=tax_rate_id, active=True, created_at=at, updated_at=at,
        )
        self.session.add(product)
        self.session.flush()
        self.session.add(ProductBarcode(product_id=product.id, barcode=code))
        self.session.flush()
        return product.id
