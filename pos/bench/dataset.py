"""Benchmark data sets: the demo shop's set-up with a generated catalogue and history.

"small" builds in seconds for tests; "large" is a busy shop after three years
(50,000 products, 20,000 customers, 250,000 sales, 1,000,000 lines). Everything comes
from a seeded `random.Random`, so a size always gives the same data for a given day,
and is written in one transaction with Core bulk inserts.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pos.db.bulk import Row, reset_id_sequences
from pos.db.database import Database
from pos.domain.allocation import allocate
from pos.domain.clock import Clock, utc_now
from pos.domain.errors import UserError
from pos.services.demo import CATEGORIES, category_for, tax_code_for
from pos.services.seed import (
    SHOP_ZONE,
    CatalogueItem,
    NewProduct,
    PersonFactory,
    PlannedLine,
    PlannedSale,
    SalesHistoryWriter,
    local_time,
    write_customers,
    write_products,
    write_shop_setup,
)

BENCH_SEED = 424_242


@dataclass(frozen=True)
class BenchSize:
    products: int
    customers: int
    sales: int
    sale_lines: int
    days: int


SIZES = {
    "small": BenchSize(products=2_000, customers=1_000, sales=5_000, sale_lines=20_000, days=365),
    "large": BenchSize(
        products=50_000, customers=20_000, sales=250_000, sale_lines=1_000_000, days=3 * 365
    ),
}

CUSTOMER_SHARE = 0.35
"""About this share of sales have a customer attached."""
OPENS_AT_HOUR = 9
TRADING_SECONDS = 8 * 3600 + 30 * 60
"""Sales happen between 09:00 and 17:30 shop time."""
WEEKDAY_WEIGHTS = (80, 85, 90, 100, 125, 160, 70)
"""Relative trade Monday to Sunday, in per cent: Saturdays are busiest."""
DECEMBER_PERCENT = 160

# Product names are "<size> <colour> <pattern> <item>"; the item decides category and tax.
SIZES_WORDS: tuple[tuple[str, int], ...] = (
    ("", 100), ("Small", 80), ("Large", 130), ("Jumbo", 160), ("Mini", 60),
)
"""Size words with their price factor in per cent."""
COLOURS = (
    "Red", "Pink", "Blue", "Green", "Ivory", "Black", "White", "Cream", "Yellow", "Orange",
    "Purple", "Grey", "Silver", "Gold",
)
PATTERNS = (
    "Retrospot", "Paisley", "Spaceboy", "Woodland", "Vintage Doily", "Polkadot", "Union Jack",
    "Skull", "Strawberry", "Owl", "Regency", "Pantry", "Dolly Girl", "Alphabet",
    "Scandinavian", "Babushka", "Keep Calm", "Apple", "Gingham", "Birdy", "Circus Parade",
    "Rose", "Botanical", "Folkart", "Heart",
)
ITEMS: tuple[tuple[str, int], ...] = (
    ("Mug", 395), ("Lunch Bag", 165), ("Shopper Bag", 208), ("T-Light Holder", 295),
    ("Cake Cases", 55), ("Hot Water Bottle", 495), ("Christmas Bauble", 125),
    ("Greeting Card", 42), ("Wrapping Paper", 65), ("Lantern", 795), ("Notebook", 165),
    ("Picture Frame", 495), ("Metal Sign", 210), ("Doormat", 795), ("Cushion Cover", 375),
    ("Teapot", 1295), ("Watering Can", 495), ("Alarm Clock", 375), ("Wall Clock", 850),
    ("Umbrella", 595), ("Trinket Box", 125), ("Cookie Cutter", 125), ("Jigsaw Puzzle", 450),
    ("Gift Tags", 85), ("Scented Candle", 295), ("Apron", 395), ("Tea Towel", 325),
    ("Rag Doll", 295), ("Plant Pot", 295), ("Bunting", 295), ("Storage Tin", 395),
    ("Picture Book", 599), ("Childrens Apron", 350), ("Hand Warmer", 210), ("Purse", 250),
    ("Pencil Case", 195),
)


def build_bench_dataset(database: Database, size: str, clock: Clock = utc_now) -> dict[str, int]:
    """Fill an empty, migrated database with the `size` data set; returns its counts.

    Raises `UserError` for an unknown size or a database that already has a shop.
    """
    spec = SIZES.get(size)
    if spec is None:
        raise UserError(f"unknown benchmark size {size!r}; choose one of {', '.join(SIZES)}")
    rng = random.Random(BENCH_SEED)
    today = clock().astimezone(SHOP_ZONE).date()
    days = [today - timedelta(days=spec.days - number) for number in range(spec.days)]
    opened_at = local_time(days[0] - timedelta(days=1), 9)
    with database.writer() as uow:
        setup = write_shop_setup(uow, CATEGORIES, opened_at)
        catalogue, _ = write_products(uow, setup, generate_products(rng, spec.products))
        people = PersonFactory.from_resources(rng)
        write_customers(uow, _customer_rows(people, spec.customers, opened_at))
        writer = SalesHistoryWriter(uow, setup, rng)
        planner = _SalePlanner(rng, catalogue, spec)
        for day, count in zip(days, allocate(spec.sales, _day_weights(days)), strict=True):
            writer.add_day(planner.day(day, count))
        history = writer.finish(range(1, spec.customers + 1))
        reset_id_sequences(uow.session)
        uow.commit()
    return {
        "products": len(catalogue),
        "customers": spec.customers,
        "sales": history.sales,
        "sale_lines": history.sale_lines,
    }


def generate_products(rng: random.Random, count: int) -> list[NewProduct]:
    """`count` products with distinct names, drawn from every size/colour/pattern/item."""
    shape = (len(SIZES_WORDS), len(COLOURS), len(PATTERNS), len(ITEMS))
    combinations = shape[0] * shape[1] * shape[2] * shape[3]
    if count > combinations:
        raise ValueError(f"at most {combinations} distinct products can be generated")
    products = []
    for number, choice in enumerate(rng.sample(range(combinations), count), start=1):
        choice, item_index = divmod(choice, shape[3])
        choice, pattern_index = divmod(choice, shape[2])
        size_index, colour_index = divmod(choice, shape[1])
        size_word, factor = SIZES_WORDS[size_index]
        item, base_price = ITEMS[item_index]
        words = (size_word, COLOURS[colour_index], PATTERNS[pattern_index], item)
        name = " ".join(word for word in words if word)
        products.append(
            NewProduct(
                code=f"B{number:06d}",
                name=name,
                price_minor=_nearest_five(base_price * factor // 100),
                tax_code=tax_code_for(name),
                category=category_for(name),
            )
        )
    return products


def _day_weights(days: Sequence[date]) -> list[int]:
    return [
        WEEKDAY_WEIGHTS[day.weekday()] * (DECEMBER_PERCENT if day.month == 12 else 100)
        for day in days
    ]


def _nearest_five(pence: int) -> int:
    """Shop prices end in 0 or 5 pence, and are at least 5p."""
    return max(5, (pence + 2) // 5 * 5)


def _customer_rows(people: PersonFactory, count: int, created_at: datetime) -> list[Row]:
    return [
        people.customer_row(
            customer_id=number, code=str(100_000 + number), index=number - 1, created_at=created_at
        )
        for number in range(1, count + 1)
    ]


class _SalePlanner:
    """Invents each day's sales so the totals come out exactly at the size's counts.

    Line counts are dealt out up front (one line per sale, the rest at random), then
    consumed in order; popular products and regular customers are drawn more often.
    """

    def __init__(
        self, rng: random.Random, catalogue: Sequence[CatalogueItem], spec: BenchSize
    ) -> None:
        if spec.sale_lines < spec.sales:
            raise ValueError("every sale needs at least one line")
        self._rng = rng
        self._catalogue = catalogue
        self._customers = spec.customers
        self._line_counts = [1] * spec.sales
        for _ in range(spec.sale_lines - spec.sales):
            self._line_counts[rng.randrange(spec.sales)] += 1
        self._next_sale = 0

    def day(self, day: date, count: int) -> list[PlannedSale]:
        rng = self._rng
        opening = local_time(day, OPENS_AT_HOUR)  # no clock change happens while open
        seconds = sorted(rng.randrange(TRADING_SECONDS) for _ in range(count))
        sales = []
        for second in seconds:
            lines = self._line_counts[self._next_sale]
            self._next_sale += 1
            sales.append(
                PlannedSale(
                    at=opening + timedelta(seconds=second),
                    customer_id=self._customer(),
                    lines=tuple(self._line() for _ in range(lines)),
                )
            )
        return sales

    def _customer(self) -> int | None:
        rng = self._rng
        if rng.random() >= CUSTOMER_SHARE:
            return None
        return 1 + int(self._customers * rng.random() ** 2)  # regulars come back more

    def _line(self) -> PlannedLine:
        rng = self._rng
        item = self._catalogue[int(len(self._catalogue) * rng.random() ** 3)]
        roll = rng.random()
        quantity = 1 if roll < 0.75 else 2 if roll < 0.93 else rng.randrange(3, 7)
        return PlannedLine(item, quantity, item.price_minor)
