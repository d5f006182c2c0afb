"""`pos import` of generic CSV on SQLite and PostgreSQL: products, customers and sales;
every bad row reported with its line and reason; a second import changes nothing; an
import stopped half-way completes when run again."""

import csv
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pos.db.database import Database
from pos.db.models import (
    AuditEntry,
    Category,
    Customer,
    CustomerStats,
    CustomerTag,
    Product,
    ProductBarcode,
    Sale,
    SaleLine,
    TaxRate,
)
from pos.domain.cart import Cart
from pos.domain.customer_details import Birthday
from pos.domain.errors import UserError
from pos.domain.tender import Tender
from pos.services.customers import CustomerService
from pos.services.importing.mapping import Kind
from pos.services.importing.service import ImportOptions, ImportService
from pos.services.importing.summary import Counts, ImportSummary
from tests.factories import TillFixture, fixed_clock, make_shop, row_counts

PRODUCTS = """code,barcode,name,price,tax_rate,category
TEA1,5012345000011,Earl Grey Tea,3.50,20,Tea
TEA1,5012345000028,Earl Grey Tea,3.50,20,Tea
BK1,,Cookery Book,12.99,0,Books
JAM1,,Strawberry Jam,2.5,5.5,
BAD1,,Broken Price,2,50,20,Tea
NEG1,,Negative,-1.00,20,
TEA1,,Earl Grey Tea,3.75,20,Tea
CUP1,5012345000011,Cup,4.00,,Tea
"""
CUSTOMERS = """code,name,phone,email,birthday,notes,language,tags
C1,Jane Smith,020 7946 0958,jane@example.com,1980-03-07,"Likes the
window seat",en,dark roast;size M
C2,Bob Jones,,bob@example.com,--02-29,,,
C3,Feb Thirty,,,1990-02-31,,,
C4,No Phone,12345,,,,,
C5,Bad Mail,,bob@,,,,
C1,Jane Again,,,,,,
,Walk In Wendy,,wendy@example.com,,,,
,Wendy Twice,,WENDY@example.com,,,,
C6,Ann Lee,+44 20 7946 0000,,,,de,
"""
SALES = """receipt,date,customer_code,product_code,quantity,unit_price
S1,2026-07-01 10:00:00,C1,TEA1,2,3.50
S1,2026-07-01 10:00:00,C1,BK1,1,12.99
S2,2026-07-02T11:30:00+02:00,,JAM1,3,2.50
S3,2026-07-03 09:00:00,C1,TEA1,-1,3.50
S4,2026-07-04 09:00:00,C2,NOPE,1,1.00
S4,2026-07-04 09:00:00,C2,TEA1,1,3.50
S5,2026-07-05 09:00:00,C9,TEA1,1,3.50
S6,yesterday,C2,TEA1,1,3.50
S7,2026-07-06 09:00:00,C2,TEA1,0,3.50
S8,2026-07-06 09:00:00,C2,TEA1,1,0.00
"""


def write(tmp_path: Path, name: str, content: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(content.encode(encoding))
    return path


def rejects_of(summary: ImportSummary) -> dict[int, str]:
    with summary.rejects_path.open(encoding="utf-8", newline="") as file:
        report = {int(row["line"]): row["reason"] for row in csv.DictReader(file)}
    assert report == {reject.line: reject.reason for reject in summary.rejects}
    return report


def importer(database: Database) -> ImportService:
    return ImportService(database, fixed_clock)


def run(database: Database, kind: Kind, path: Path, **options: object) -> ImportSummary:
    return importer(database).run(ImportOptions(kind, path, **options))  # type: ignore[arg-type]


@pytest.fixture
def shop(database: Database) -> Database:
    make_shop(database)
    return database


def test_products_with_barcodes_rates_and_categories(shop: Database, tmp_path: Path) -> None:
    summary = run(shop, "products", write(tmp_path, "products.csv", PRODUCTS))
    assert summary.products is not None
    assert (summary.products.new, summary.products.existing) == (3, 0)
    assert rejects_of(summary) == {
        6: "has 7 columns where the header has 6; check the quotes and delimiters on this line",
        7: "price '-1.00' is negative",
        8: "product TEA1 is on line 2 with another name, price, tax rate or category; repeat "
           "a product's row only to add a barcode",
        9: "barcode 5012345000011 is already product TEA1's (line 2)",
    }
    with shop.reader() as uow:
        session = uow.session
        products = {
            code: (name, price, rate, category)
            for code, name, price, rate, category in session.execute(
                select(Product.code, Product.name, Product.price_minor, TaxRate.rate_bp,
                       Category.name)
                .join(TaxRate).outerjoin(Category)
            )
        }
        assert products == {
            "TEA1": ("Earl Grey Tea", 350, 2000, "Tea"),
            "BK1": ("Cookery Book", 1299, 0, "Books"),
            "JAM1": ("Strawberry Jam", 250, 550, None),
        }
        assert sorted(session.scalars(select(ProductBarcode.barcode))) == [
            "5012345000011", "5012345000028"
        ]
    again = run(shop, "products", tmp_path / "products.csv")
    assert again.products is not None
    assert (again.products.new, again.products.existing) == (0, 3)
    assert len(again.rejects) == 4


def test_customers_checked_like_the_till_does(shop: Database, tmp_path: Path) -> None:
    summary = run(shop, "customers", write(tmp_path, "customers.csv", CUSTOMERS))
    assert summary.customers is not None
    assert (summary.customers.new, summary.customers.existing) == (4, 0)
    assert rejects_of(summary) == {
        5: "31 February is not a date; check the birthday's day and month",
        6: "'12345' is not a phone number; write it with its area code, like 0121 234 5678, "
           "or with + and the country code",
        7: "'bob@' is not an e-mail address; write it like jane@example.com",
        8: "the same customer as line 2 (same code)",
        10: "the same customer as line 9 (same e-mail)",
    }
    customers = CustomerService(shop, fixed_clock)
    jane = customers.search("jane smith")[0]
    panel = customers.panel(jane.id)
    assert panel.notes == "Likes the\nwindow seat"
    assert panel.tags == ("dark roast", "size M")
    assert (panel.phone, panel.email, panel.language) == ("020 7946 0958", "jane@example.com",
                                                          "en")
    bob = customers.panel(customers.search("bob")[0].id)
    assert bob.birthday == Birthday(29, 2)
    assert run(shop, "customers", tmp_path / "customers.csv").customers == Counts(existing=4)


def test_latin1_and_bom_files(shop: Database, tmp_path: Path) -> None:
    content = "code,name,notes\nC1,Zoë Brontë,Crème fraîche\n"
    latin = write(tmp_path, "latin.csv", content, "latin-1")
    with pytest.raises(UserError, match=r"latin\.csv is not UTF-8 text: byte 0xEB on line 2"):
        run(shop, "customers", latin)
    assert run(shop, "customers", latin, encoding="latin-1").customers is not None
    bom = write(tmp_path, "bom.csv", "\ufeff" + content.replace("C1", "C2"), "utf-8")
    summary = run(shop, "customers", bom)
    assert summary.customers == Counts(new=1)
    with shop.reader() as uow:
        assert uow.session.scalars(select(Customer.notes).distinct()).all() == ["Crème fraîche"]


def test_files_that_cannot_be_imported_write_nothing(shop: Database, tmp_path: Path) -> None:
    before = row_counts(shop, Product, Customer)
    semicolons = write(tmp_path, "semi.csv", "code;name;price\nA;Tea;2.50\n")
    with pytest.raises(UserError, match="separates its columns with ';'"):
        run(shop, "products", semicolons)
    missing = write(tmp_path, "missing.csv", "code,title,cost\nA,Tea,2.50\n")
    with pytest.raises(UserError, match="has no column for name, price"):
        run(shop, "products", missing)
    mapped = run(shop, "products", missing, mapping={"title": "name", "cost": "price"})
    assert mapped.products == Counts(new=1)
    assert row_counts(shop, Product, Customer) == {**before, "product": 1}


@pytest.fixture
def catalogue(shop: Database, tmp_path: Path) -> Database:
    run(shop, "products", write(tmp_path, "products.csv", PRODUCTS))
    run(shop, "customers", write(tmp_path, "customers.csv", CUSTOMERS))
    return shop


def test_sales_whole_receipts_local_times_and_linked_returns(
    catalogue: Database, tmp_path: Path
) -> None:
    summary = run(catalogue, "sales", write(tmp_path, "sales.csv", SALES))
    assert summary.sales is not None
    assert (summary.sales.sales, summary.sales.returns, summary.sales.returns_linked,
            summary.sales.lines) == (2, 1, 1, 4)
    assert rejects_of(summary) == {
        6: "product code NOPE is not in the catalogue; import the products first",
        7: "receipt S4 not imported because line 6 was refused: product code NOPE is not in "
           "the catalogue; import the products first",
        8: "customer code C9 is not known; import the customers first",
        9: "date 'yesterday' is not a date and time; write it like 2011-12-09 12:50:00 (ISO "
           "8601, the shop's local time unless it ends with an offset)",
        10: "quantity is 0",
        11: "unit price 0.00 is not a sale price (a stock adjustment, a free line or bad "
            "debt); line left out",
    }
    with catalogue.reader() as uow:
        session = uow.session
        sales = {sale.receipt_number: sale for sale in session.scalars(select(Sale))}
        assert set(sales) == {"S1", "S2", "S3"}
        assert sales["S1"].completed_at == datetime(2026, 7, 1, 9, 0, tzinfo=UTC)  # BST
        assert sales["S2"].completed_at == datetime(2026, 7, 2, 9, 30, tzinfo=UTC)
        assert (sales["S1"].total_minor, sales["S1"].tax_minor) == (1999, 117)
        assert (sales["S3"].kind, sales["S3"].total_minor) == ("return", -350)
        assert sales["S3"].original_sale_id == sales["S1"].id
        returned = session.scalars(select(SaleLine).where(SaleLine.sale_id == sales["S3"].id)).one()
        original = session.get(SaleLine, returned.original_line_id)
        assert original is not None
        assert original.product_code == "TEA1"
        jane = session.scalars(select(Customer).where(Customer.code == "C1")).one()
        stats = session.get(CustomerStats, jane.id)
        assert stats is not None
        assert (stats.visits, stats.spend_minor) == (1, 1999 - 350)
    again = run(catalogue, "sales", tmp_path / "sales.csv")
    assert again.sales is not None
    assert (again.sales.sales, again.sales.returns, again.sales.existing) == (0, 0, 3)


def test_an_imported_receipt_number_may_not_take_a_till_receipt(
    database: Database, till: TillFixture, tmp_path: Path
) -> None:
    till.sell(Cart().add(till.mugs()), Tender("cash", 450))
    sales = "receipt,date,product_code,quantity,unit_price\nR1-000001,2026-07-01,M1,1,4.50\n"
    summary = run(database, "sales", write(tmp_path, "clash.csv", sales))
    assert rejects_of(summary) == {2: (
        "receipt number R1-000001 is already used by a sale of this shop's own tills; give "
        "the imported receipts another number (e.g. a prefix)"
    )}


def test_a_dry_run_counts_exactly_and_writes_nothing(catalogue: Database, tmp_path: Path) -> None:
    tables = (Sale, SaleLine, Customer, CustomerTag, CustomerStats, Product, AuditEntry)
    before = row_counts(catalogue, *tables)
    dry = run(catalogue, "sales", write(tmp_path, "sales.csv", SALES), dry_run=True)
    assert row_counts(catalogue, *tables) == before
    assert dry.dry_run
    real = run(catalogue, "sales", tmp_path / "sales.csv")
    assert (dry.sales, dry.rejects) == (real.sales, real.rejects)


class PowerCutError(Exception):
    """Stands for a power cut or Ctrl+C in the middle of an import."""


def test_an_interrupted_import_completes_without_duplicates(
    catalogue: Database, tmp_path: Path
) -> None:
    lines = ["receipt,date,customer_code,product_code,quantity,unit_price"]
    lines += [f"N{n:03d},2026-08-{1 + n % 28:02d} 10:00,C{1 + n % 2},TEA1,{1 + n % 3},3.50"
              for n in range(50)]
    path = write(tmp_path, "many.csv", "\n".join(lines) + "\n")

    def stop_after_two_chunks(stage: str, done: int, total: int) -> None:
        if stage == "sales" and done >= 20:
            raise PowerCutError

    options = ImportOptions("sales", path, chunk_size=10)
    with pytest.raises(PowerCutError):
        importer(catalogue).run(options, stop_after_two_chunks)
    with catalogue.reader() as uow:
        assert uow.session.scalar(select(func.count()).select_from(Sale)) == 20
    resumed = importer(catalogue).run(options)
    assert resumed.sales is not None
    assert (resumed.sales.sales, resumed.sales.existing) == (30, 20)
    with catalogue.reader() as uow:
        session = uow.session
        numbers = session.scalars(select(Sale.receipt_number)).all()
        assert sorted(numbers) == [f"N{n:03d}" for n in range(50)]
        units = session.scalar(select(func.sum(SaleLine.quantity)))
        assert units == sum(1 + n % 3 for n in range(50))
        visits = session.scalars(select(CustomerStats.visits)).all()
        assert sorted(visits) == [25, 25]


def test_the_import_is_audited_and_the_reject_report_goes_where_asked(
    catalogue: Database, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "out" / "rejects.csv"
    elsewhere.parent.mkdir()
    summary = run(catalogue, "sales", write(tmp_path, "sales.csv", SALES),
                  rejects_path=elsewhere, actor="Olivia")
    assert summary.rejects_path == elsewhere
    assert elsewhere.exists()
    assert not (tmp_path / "sales.rejects.csv").exists()
    with catalogue.reader() as uow:
        entry = uow.session.scalars(
            select(AuditEntry).where(AuditEntry.action == "import.sales")
        ).one()
    assert (entry.actor, entry.subject) == ("Olivia", "file:sales.csv")
    assert '"rejected":6' in entry.details
    with pytest.raises(UserError, match="cannot write the reject report"):
        run(catalogue, "sales", tmp_path / "sales.csv", rejects_path=tmp_path / "no" / "r.csv")
    with pytest.raises(UserError, match="would overwrite the file imported"):
        run(catalogue, "sales", tmp_path / "sales.csv", rejects_path=tmp_path / "sales.csv")
    assert (tmp_path / "sales.csv").read_text(encoding="utf-8") == SALES


def test_an_erased_customer_is_not_imported_again(shop: Database, tmp_path: Path) -> None:
    path = write(tmp_path, "customers.csv", CUSTOMERS)
    run(shop, "customers", path)
    customers = CustomerService(shop, fixed_clock)
    customers.erase(customers.search("jane smith")[0].id)
    again = run(shop, "customers", path)
    assert again.customers is not None
    assert (again.customers.new, again.customers.existing, again.customers.erased) == (0, 3, 1)
    assert rejects_of(again)[2] == (
        "this customer was erased at their request; not imported again"
    )
    assert customers.search("jane") == ()
