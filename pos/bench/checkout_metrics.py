"""`pos bench` metrics of ringing up and paying: scan, search and sale commit.

Measured on the services and domain objects the till's screens call (without Qt).
Each metric draws its inputs from a seeded `random.Random` first, then times one call
per input with `pos.bench.timing`. Benchmark sales are written only where that is
safe: a copy of the cached data set, or a named database that is a demo shop.
"""

import random
import statistics
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import select

from pos.bench.raw_sqlite import raw_sale, raw_sqlite_commit_samples, sqlite_copy
from pos.bench.timing import Stats, measure, percentiles, timed_ms
from pos.config import sqlite_url
from pos.db.database import Database
from pos.db.engine import create_database_engine, sqlite_file
from pos.db.models import Product, ProductBarcode
from pos.db.repositories import ShopRepository
from pos.domain.cart import Cart, CartLine
from pos.domain.clock import utc_now
from pos.domain.errors import UserError
from pos.domain.pricing import CartTotals, PricingRules, price_cart
from pos.domain.tender import Tender, quick_cash_amounts
from pos.services.catalogue import CatalogueService, ScannedItem
from pos.services.checkout import CheckoutService, SaleRequest
from pos.services.seed import REGISTER_CODE
from pos.services.till_session import TillSessionService

SEED = 20_261_124
CART_LINES = 10
"""Lines already in the cart when the timed item is scanned."""
SALE_LINES = 5
QUERY_KINDS = ("short", "prefix", "middle")
QUERY_WEIGHTS = (10, 45, 45)
"""Search queries: 1-2 characters now and then, else 3-6 from a name's start or middle."""
RATIO = "sale_commit_vs_raw_sqlite"
NOT_DEMO = (
    "the named database is not a demo shop; benchmark sales are written only into a "
    "demo shop or a copy of the cached data set"
)
NOT_SQLITE = "the raw baseline is SQLite's; this database is not a SQLite file"


@dataclass(frozen=True)
class Runs:
    scan: int
    search: int
    commit: int


RUNS = {"small": Runs(scan=1000, search=200, commit=200), "large": Runs(1000, 300, 300)}


@dataclass(frozen=True)
class CatalogueSample:
    """What the benchmark picks from: active products' barcodes, codes and names."""

    barcodes: tuple[str, ...]
    codes: tuple[str, ...]
    names: tuple[str, ...]


@dataclass(frozen=True)
class CommitPlan:
    """Sales to complete, prepared untimed; the demo cashier's shift is open."""

    requests: tuple[SaleRequest, ...]
    rules: PricingRules
    shift_id: int


@dataclass
class CheckoutMetrics:
    metrics: dict[str, Stats] = field(default_factory=dict)
    ratios: dict[str, float] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    """Metric or ratio name -> why it was not measured."""

    def merge(self, other: "CheckoutMetrics") -> "CheckoutMetrics":
        return CheckoutMetrics(
            {**self.metrics, **other.metrics},
            {**self.ratios, **other.ratios},
            {**self.skipped, **other.skipped},
        )


def measure_checkout(database: Database, size: str, *, named: bool) -> CheckoutMetrics:
    """Every metric of this module on `database`; `named` if the user named it."""
    runs = RUNS[size]
    sample = load_catalogue_sample(database)
    if len(sample.codes) < CART_LINES or not sample.barcodes:
        raise UserError(
            f"the database needs at least {CART_LINES} active products with barcodes to "
            "benchmark; run `pos bench` without --database-url to use a generated data set"
        )
    reading = CheckoutMetrics(
        {
            "scan_to_cart_ms": scan_to_cart_ms(database, sample, runs.scan),
            "product_search_ms": product_search_ms(database, sample, runs.search),
        }
    )
    return reading.merge(commit_metrics(database, sample, runs.commit, named=named))


def load_catalogue_sample(database: Database) -> CatalogueSample:
    with database.reader() as uow:
        session = uow.session
        active = Product.active.is_(True)
        barcodes = session.scalars(
            select(ProductBarcode.barcode).join(Product).where(active).order_by(ProductBarcode.id)
        )
        products = session.execute(select(Product.code, Product.name).where(active)
                                   .order_by(Product.id)).all()
        return CatalogueSample(
            tuple(barcodes), tuple(code for code, _ in products), tuple(n for _, n in products)
        )


def cart_line(item: ScannedItem, quantity: int = 1) -> CartLine:
    """The cart line the till adds for a scanned item (as `SaleController._add_scanned`)."""
    product = item.product
    if item.line_price_minor is not None:
        return CartLine(product.id, product.code, product.name, product.price_minor, 1,
                        product.tax_rate_bp, weight_grams=item.weight_grams,
                        line_price_minor=item.line_price_minor)
    return CartLine(product.id, product.code, product.name, product.price_minor, quantity,
                    product.tax_rate_bp)


def scanned_cart(catalogue: CatalogueService, codes: Sequence[str]) -> Cart:
    cart = Cart()
    for code in codes:
        cart = cart.add(cart_line(catalogue.scan(code)))
    return cart


def scan_to_cart_ms(
    database: Database, sample: CatalogueSample, n: int, seed: int = SEED
) -> Stats:
    """Scan a barcode, add its line to a cart of `CART_LINES` lines, price the cart."""
    rng = random.Random(seed)
    catalogue = CatalogueService(database)
    rules = CheckoutService(database, REGISTER_CODE).pricing_rules()
    cart = scanned_cart(catalogue, rng.sample(sample.codes, CART_LINES))

    def ring_up(code: str) -> CartTotals:
        return price_cart(cart.add(cart_line(catalogue.scan(code))), rules)

    return measure(ring_up, [rng.choice(sample.barcodes) for _ in range(n)])


def product_search_ms(
    database: Database, sample: CatalogueSample, n: int, seed: int = SEED
) -> Stats:
    """Search as the cashier types: prefixes, pieces from a name's middle, short stubs."""
    rng = random.Random(seed)
    queries = [search_query(rng.choice(sample.names), rng) for _ in range(n)]
    return measure(CatalogueService(database).search, queries)


def search_query(name: str, rng: random.Random) -> str:
    kind = rng.choices(QUERY_KINDS, QUERY_WEIGHTS)[0]
    if kind == "short":
        return name[: rng.randint(1, 2)]
    length = rng.randint(3, 6)
    if kind == "prefix" or len(name) <= length:
        return name[:length]
    start = rng.randint(1, len(name) - length)
    return name[start : start + length]


def commit_metrics(
    database: Database, sample: CatalogueSample, n: int, *, named: bool, seed: int = SEED
) -> CheckoutMetrics:
    """`sale_commit_ms` (and on SQLite its ratio to raw writes), where writing is safe.

    A database the user `named` is written to only when it is a demo shop; the cached
    data set (`named=False`, always SQLite) is copied, and the copy deleted afterwards.
    """
    if named:
        if not is_demo_shop(database):
            return CheckoutMetrics(skipped={"sale_commit_ms": NOT_DEMO, RATIO: NOT_DEMO})
        return _commit_in_place(database, sample, n, seed)
    with scratch_copy(database) as copy:
        return _commit_in_place(copy, sample, n, seed)


def is_demo_shop(database: Database) -> bool:
    with database.reader() as uow:
        shop = ShopRepository(uow.session).shop()
        return shop is not None and shop.is_demo


def sqlite_path(database: Database) -> Path | None:
    """The SQLite file behind `database`, or None (PostgreSQL, memory)."""
    return sqlite_file(str(database.engine.url))


@contextmanager
def scratch_copy(database: Database) -> Iterator[Database]:
    """A copy of the SQLite database, open, deleted when the block ends."""
    path = sqlite_path(database)
    if path is None:
        raise ValueError("only a SQLite file can be copied for the commit benchmark")
    with sqlite_copy(path) as copy:
        scratch = Database.on(create_database_engine(sqlite_url(copy)))
        try:
            yield scratch
        finally:
            scratch.close()


def _commit_in_place(
    database: Database, sample: CatalogueSample, n: int, seed: int
) -> CheckoutMetrics:
    plan = plan_sales(database, sample, n, seed)
    committed = sale_commit_samples(database, plan)
    result = CheckoutMetrics({"sale_commit_ms": percentiles(committed)})
    path = sqlite_path(database)
    if path is None:
        result.skipped[RATIO] = NOT_SQLITE
        return result
    raw = raw_commit_samples(path, plan)
    result.ratios[RATIO] = round(statistics.median(committed) / statistics.median(raw), 2)
    return result


def plan_sales(
    database: Database, sample: CatalogueSample, n: int, seed: int = SEED
) -> CommitPlan:
    """`n` sales of `SALE_LINES` products paid in cash, by the demo shop's first cashier.

    Signs in on the register (opening a shift if none is open): a demo shop only.
    """
    signed_in = TillSessionService(database, REGISTER_CODE).demo_sign_in()
    rules = CheckoutService(database, REGISTER_CODE).pricing_rules()
    rng = random.Random(seed)
    catalogue = CatalogueService(database)
    requests = []
    for _ in range(n):
        cart = scanned_cart(catalogue, rng.sample(sample.codes, SALE_LINES))
        cash = max(quick_cash_amounts(price_cart(cart, rules).total_minor))
        requests.append(
            SaleRequest(str(uuid.uuid4()), signed_in.cashier.id, cart, (Tender("cash", cash),))
        )
    return CommitPlan(tuple(requests), rules, signed_in.shift.id)


def sale_commit_samples(database: Database, plan: CommitPlan) -> list[float]:
    """Complete each planned sale through `CheckoutService`; milliseconds per sale."""
    checkout = CheckoutService(database, REGISTER_CODE)
    return timed_ms(lambda request: checkout.complete_sale(request, plan.rules), plan.requests)


def raw_commit_samples(path: Path, plan: CommitPlan) -> list[float]:
    """The same sales' rows (under new UUIDs) written with bare `sqlite3`."""
    now = utc_now()
    sales = [
        raw_sale(replace(request, uuid=str(uuid.uuid4())), plan.rules, plan.shift_id, now)
        for request in plan.requests
    ]
    return raw_sqlite_commit_samples(path, REGISTER_CODE, sales)
