"""Scan and search on SQLite (FTS5 trigram) and PostgreSQL (pg_trgm)."""

import pytest

from pos.db.database import Database
from pos.db.models import Category, Product, ProductBarcode, TaxRate
from pos.domain.barcodes import make_ean13
from pos.domain.errors import NotFoundError, UserError
from pos.domain.text import search_key
from pos.services.catalogue import CatalogueService
from tests.factories import FIXED_NOW, add_product

PRODUCTS = [
    ("1001", "Crème Brûlée Candle", 1250, ["5012345678900"], True),
    ("1002", "Brown Check Cat Doorstop", 425, ["5012345678917", "0012345678905"], True),
    ("1003", "Set of 3 Hanging Owls", 125, [], True),
    ("1004", "Vintage Cat Mug", 295, [], True),
    ("1005", "Discontinued Cat Bowl", 300, [], False),
    ("2050", "50% Off Sticker_Pack", 99, [], True),
]


@pytest.fixture
def catalogue(database: Database) -> CatalogueService:
    with database.writer() as uow:
        rate = TaxRate(code="STD", name="Standard", rate_bp=2000)
        category = Category(name="Gifts")
        uow.session.add_all([rate, category])
        uow.session.flush()
        for code, name, price, barcodes, active in PRODUCTS:
            product = Product(
                code=code, name=name, search_text=search_key(name, code), price_minor=price,
                tax_rate_id=rate.id, category_id=category.id, active=active,
                created_at=FIXED_NOW, updated_at=FIXED_NOW,
            )
            uow.session.add(product)
            uow.session.flush()
            uow.session.add_all(ProductBarcode(product_id=product.id, barcode=b) for b in barcodes)
        uow.commit()
    return CatalogueService(database)


def test_scan_finds_by_any_barcode_or_by_code(catalogue: CatalogueService) -> None:
    assert catalogue.lookup("5012345678900").name == "Crème Brûlée Candle"
    assert catalogue.lookup("0012345678905").code == "1002"
    assert catalogue.lookup(" 1003 ").name == "Set of 3 Hanging Owls"
    hit = catalogue.lookup("5012345678917")
    assert (hit.price_minor, hit.tax_rate_bp, hit.active) == (425, 2000, True)


def test_unknown_barcode_says_what_to_do(catalogue: CatalogueService) -> None:
    with pytest.raises(NotFoundError, match="search for it by name, or ask a manager to add it"):
        catalogue.lookup("9999999999999")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cat", ["Brown Check Cat Doorstop", "Vintage Cat Mug"]),
        ("CREME", ["Crème Brûlée Candle"]),
        ("brûl", ["Crème Brûlée Candle"]),
        ("vi", ["Vintage Cat Mug"]),
        ("owls", ["Set of 3 Hanging Owls"]),
        ("100", ["Brown Check Cat Doorstop", "Crème Brûlée Candle", "Set of 3 Hanging Owls",
                 "Vintage Cat Mug"]),
        ("50%", ["50% Off Sticker_Pack"]),
        ("c_t", []),
        ("r_p", ["50% Off Sticker_Pack"]),
        ("", []),
        ("   ", []),
        ('"quoted', []),
    ],
)
def test_search_is_substring_accent_and_case_insensitive(
    catalogue: CatalogueService, query: str, expected: list[str]
) -> None:
    assert sorted(hit.name for hit in catalogue.search(query)) == sorted(expected)


def test_names_starting_with_the_text_come_first(catalogue: CatalogueService) -> None:
    names = [hit.name for hit in catalogue.search("brown")]
    assert names == ["Brown Check Cat Doorstop"]
    hits = catalogue.search("vintage cat")
    assert [h.name for h in hits] == ["Vintage Cat Mug"]


def test_search_follows_renames(database: Database, catalogue: CatalogueService) -> None:
    with database.writer() as uow:
        product = uow.session.query(Product).filter_by(code="1004").one()
        product.name = "Retro Dog Mug"
        product.search_text = search_key(product.name, product.code)
        uow.commit()
    assert catalogue.search("cat mug") == ()
    assert [h.code for h in catalogue.search("dog mug")] == ["1004"]


def test_price_and_weight_embedded_labels(database: Database) -> None:
    add_product(database, "01234", "Deli Olives (per kg)", 1800)
    add_product(database, "777", "Cut Flowers Bunch", 0)
    catalogue = CatalogueService(database)
    weighed = catalogue.scan(make_ean13("230123400250"))  # 250 g
    assert weighed.product.name == "Deli Olives (per kg)"
    assert (weighed.weight_grams, weighed.line_price_minor) == (250, 450)
    priced = catalogue.scan(make_ean13("210077701299"))  # 12.99
    assert priced.product.name == "Cut Flowers Bunch"
    assert (priced.weight_grams, priced.line_price_minor) == (None, 1299)
    with pytest.raises(NotFoundError, match="item 55555, which is not in the catalogue"):
        catalogue.scan(make_ean13("215555500100"))


def test_scanning_a_retired_product_says_so(catalogue: CatalogueService) -> None:
    assert catalogue.scan("1001").product.code == "1001"
    with pytest.raises(UserError, match="Discontinued Cat Bowl is no longer sold"):
        catalogue.scan("1005")


def test_adding_a_product_from_the_till(database: Database, catalogue: CatalogueService) -> None:
    with pytest.raises(UserError, match="only a manager or the owner"):
        catalogue.add_from_till("4006381333931", "Pen", "1.20", "cashier")
    with pytest.raises(UserError, match="already in the catalogue"):
        catalogue.add_from_till("5012345678900", "Candle again", "1.00", "owner")
    with pytest.raises(UserError, match="more than 2 decimal places"):
        catalogue.add_from_till("4006381333931", "Pen", "1.205", "owner")
    added = catalogue.add_from_till("4006381333931", "  Stabilo   Pen ", "1.20", "manager")
    assert (added.name, added.price_minor, added.tax_rate_bp) == ("Stabilo Pen", 120, 2000)
    assert catalogue.scan("4006381333931").product.id == added.id
    assert [hit.code for hit in catalogue.search("stabilo")] == ["4006381333931"]
