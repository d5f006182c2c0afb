"""Finding what the customer is buying: scan (barcode/code) and search as you type."""

from dataclasses import dataclass

from pos.db.catalogue import CatalogueRepository
from pos.db.database import Database
from pos.domain.errors import NotFound
from pos.domain.text import search_key

SEARCH_LIMIT = 30


@dataclass(frozen=True, slots=True)
class ProductHit:
    id: int
    code: str
    name: str
    price_minor: int
    tax_rate_bp: int
    active: bool
    sold_by_weight: bool


class CatalogueService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def lookup(self, code: str) -> ProductHit:
        """The product with this barcode or code; `NotFound` says what to do otherwise."""
        cleaned = code.strip()
        with self._database.reader() as uow:
            row = CatalogueRepository(uow.session).by_barcode_or_code(cleaned)
        if row is None:
            raise NotFound(
                f"no product has the barcode or code {cleaned}: search for it by name, "
                "or ask a manager to add it"
            )
        return ProductHit(*row)

    def search(self, query: str, limit: int = SEARCH_LIMIT) -> tuple[ProductHit, ...]:
        """Active products whose name or code contains the text (accent/case-insensitive)."""
        key = search_key(query)
        if not key:
            return ()
        with self._database.reader() as uow:
            rows = CatalogueRepository(uow.session).search(key, limit)
        return tuple(ProductHit(*row) for row in rows)
