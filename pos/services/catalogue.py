"""Finding what the customer is buying: scan (barcode/code) and search as you type."""

from dataclasses import dataclass

from pos.db.catalogue import CatalogueRepository
from pos.db.database import Database
from pos.db.errors import translate_database_errors
from pos.domain.clock import Clock, utc_now
from pos.domain.embedded_barcodes import EmbeddedRules, parse_embedded, weighed_price_minor
from pos.domain.errors import NotFoundError, UserError
from pos.domain.money import parse_minor
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


@dataclass(frozen=True, slots=True)
class ScannedItem:
    """A scanned product; weighed and price-embedded codes carry the line's own price."""

    product: ProductHit
    line_price_minor: int | None = None
    weight_grams: int | None = None


PRODUCT_EDITORS = frozenset({"manager", "owner"})


class CatalogueService:
    def __init__(
        self, database: Database, embedded: EmbeddedRules | None = None, clock: Clock = utc_now
    ) -> None:
        self._database = database
        self._embedded = embedded or EmbeddedRules()
        self._clock = clock

    def add_from_till(self, code: str, name: str, price_text: str, role: str) -> ProductHit:
        """Add an unknown scanned product at the standard tax rate (managers and owners)."""
        if role not in PRODUCT_EDITORS:
            raise UserError("only a manager or the owner can add a product; ask one to do it")
        cleaned_code, cleaned_name = code.strip(), " ".join(name.split())
        if not cleaned_code or not cleaned_name:
            raise UserError("give the product a name and a price, like: Blue Mug 4.50")
        price = parse_minor(price_text)
        if price < 0:
            raise UserError("a price cannot be negative")
        with translate_database_errors(), self._database.writer() as uow:
            repo = CatalogueRepository(uow.session)
            if repo.by_barcode_or_code(cleaned_code) is not None:
                raise UserError(f"{cleaned_code} is already in the catalogue; scan it again")
            rate_id = repo.standard_tax_rate_id()
            if rate_id is None:
                raise UserError("the shop has no tax rate yet; set one up first")
            repo.add_product(cleaned_code, cleaned_name, price, rate_id, self._clock())
            uow.commit()
        return self.lookup(cleaned_code)

    def scan(self, code: str) -> ScannedItem:
        """What a scanned code rings up: an exact barcode or code first, then an in-store
        price- or weight-embedded EAN-13 (prefix 2x) naming a product by its code."""
        cleaned = code.strip()
        try:
            return ScannedItem(self._sellable(self.lookup(cleaned)))
        except NotFoundError:
            embedded = parse_embedded(cleaned, self._embedded)
            if embedded is None:
                raise
        product = self._sellable(self._by_item_code(embedded.item_code, cleaned))
        if embedded.weight_grams is not None:
            price = weighed_price_minor(product.price_minor, embedded.weight_grams)
            return ScannedItem(product, price, embedded.weight_grams)
        return ScannedItem(product, embedded.price_minor)

    def _by_item_code(self, item_code: str, scanned: str) -> ProductHit:
        for candidate in dict.fromkeys((item_code, item_code.lstrip("0") or "0")):
            try:
                return self.lookup(candidate)
            except NotFoundError:
                continue
        raise NotFoundError(
            f"the label {scanned} is for item {item_code}, which is not in the catalogue; "
            "ask a manager to add it"
        )

    @staticmethod
    def _sellable(product: ProductHit) -> ProductHit:
        if not product.active:
            raise UserError(f"{product.name} is no longer sold; take it off the counter")
        return product

    def lookup(self, code: str) -> ProductHit:
        """The product with this barcode or code; `NotFoundError` says what to do otherwise."""
        cleaned = code.strip()
        with self._database.reader() as uow:
            row = CatalogueRepository(uow.session).by_barcode_or_code(cleaned)
        if row is None:
            raise NotFoundError(
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
