"""The demo shop: a UK gift shop with two years of history, built from real sales data.

Catalogue and history come from the UCI "Online Retail" sample (see
resources/demo/README.md): the most sold products, the most loyal customers and
their invoices, moved onto the two years before today. Names, phones, e-mails and
birthdays are invented; a few birthdays fall this week so the till has some to show.
"""

import csv
import logging
import random
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from itertools import groupby
from pathlib import Path
from typing import Self

from pos.db.bulk import Row, reset_id_sequences
from pos.db.database import Database
from pos.domain.clock import Clock, utc_now
from pos.domain.errors import UserError
from pos.domain.money import round_half_up
from pos.services.seed import (
    DEMO_RESOURCES,
    SHOP_ZONE,
    STANDARD_RATE,
    ZERO_RATE,
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

log = logging.getLogger(__name__)

DEMO_CSV = DEMO_RESOURCES / "online_retail_sample.csv"
RETAIL_MAX_QUANTITY = 4
"""The sample is a wholesaler's (64 tea-light holders on a line); a gift shop's customer
takes a few."""
DEMO_PRODUCTS = 350
DEMO_CUSTOMERS = 300
HISTORY_DAYS = 730
BIRTHDAY_OFFSETS = (0, 0, 1, 3, 5, 6)
"""Days from today of the birthdays the demo always has: two today, four this week."""
DEMO_SEED = 1801

MERCHANDISE_CODE = re.compile(r"\d{5}[A-Za-z]{0,2}")
"""Stock codes of goods; others are postage, manual entries, fees and discounts."""

# --- Categories and tax, by words in a product's name --------------------------------------

CATEGORY_RULES: tuple[tuple[str, frozenset[str]], ...] = tuple(
    (category, frozenset(words.split()))
    for category, words in (
        ("Christmas", "CHRISTMAS XMAS ADVENT SANTA REINDEER SLEIGH STOCKING CRACKERS "
                      "SNOWFLAKE BAUBLE BAUBLES"),
        ("Toys & Games", "TOY TOYS GAME GAMES DOLL DOLLS PLAYHOUSE SKITTLES DOMINOES HARMONICA "
                         "JIGSAW MARBLES SPINNING SKIPPING KNITTING PLAYING SNAP SNAKES GLIDERS "
                         "TEDDY PUZZLE"),
        ("Bags", "BAG BAGS SHOPPER PURSE TOTE"),
        ("Cards & Wrap", "CARD CARDS WRAP WRAPPING TAG TAGS RIBBON RIBBONS ENVELOPES"),
        ("Lighting", "LIGHT LIGHTS LANTERN LANTERNS CANDLE CANDLES CANDLEHOLDER LAMP"),
        ("Kitchen", "MUG MUGS CUP CUPS TEACUP TEA TEAPOT CAKE CAKES CAKESTAND BAKING PLATE "
                    "PLATES BOWL BOWLS JUG JAM JAR JARS NAPKINS CUTLERY SPOONS COOKIE CUTTER "
                    "CUTTERS KITCHEN SCALES LUNCH RECIPE PANTRY SNACK MOULDS BREAD SAUCER "
                    "APRON TOWEL TOWELS"),
        ("Garden", "GARDEN GARDENERS WATERING PLANT PLANTER BIRD BIRDHOUSE"),
        ("Stationery", "NOTEBOOK NOTEBOOKS PENCIL PENCILS PEN PENS RULER CHALK STICKER "
                       "STICKERS MEMO BOOK BOOKS SKETCHBOOK ERASER"),
        ("Home Decor", "SIGN FRAME CLOCK DOORMAT CUSHION HOOK DECORATION DECORATIONS KNOB "
                       "BUNTING GARLAND WICKER ORNAMENT CABINET SHELF CHALKBOARD HANGER"),
    )
)
FALLBACK_CATEGORY = "Gifts & Home"
CATEGORIES = (*(category for category, _ in CATEGORY_RULES), FALLBACK_CATEGORY)

BOOK_WORDS = frozenset({"BOOK", "BOOKS"})
BLANK_BOOK_WORDS = frozenset({"EXERCISE", "NOTE", "SKETCH"})
CHILDRENS_CLOTHING_WORDS = frozenset({"APRON", "HAT", "SCARF", "GLOVES"})


def _words(name: str) -> set[str]:
    return set(re.findall(r"[A-Z0-9]+", name.upper()))


def category_for(name: str) -> str:
    """The demo category for a product name: the first rule with one of its words."""
    words = _words(name)
    for category, keywords in CATEGORY_RULES:
        if words & keywords:
            return category
    return FALLBACK_CATEGORY


def tax_code_for(name: str) -> str:
    """Zero rate for printed books and children's clothing (as in UK VAT), standard otherwise.

    Blank books (exercise books, notebooks) are standard rated.
    """
    words = _words(name)
    if words & BOOK_WORDS and not words & BLANK_BOOK_WORDS:
        return ZERO_RATE.code
    if "CHILDRENS" in words and words & CHILDRENS_CLOTHING_WORDS:
        return ZERO_RATE.code
    return STANDARD_RATE.code


# --- Tidying product names -----------------------------------------------------------------

SMALL_WORDS = frozenset({"a", "and", "for", "in", "of", "on", "the", "to", "with"})
ACRONYMS = frozenset({"led", "uk", "diy", "usb"})


def tidy_name(description: str) -> str:
    """Title case, single spaces, no stray punctuation.

    "SET OF 3  T-LIGHT HOLDERS ." becomes "Set of 3 T-Light Holders".
    """
    words = [_title_word(word, first=index == 0)
             for index, word in enumerate(description.split())]
    name = re.sub(r"\s+([,.])", r"\1", " ".join(words))
    return name.strip(" .,")


def _title_word(word: str, *, first: bool) -> str:
    lower = word.lower()
    if lower in ACRONYMS:
        return word.upper()
    if lower in SMALL_WORDS and not first:
        return lower
    # Capitalise after the start and after joiners ("t-light", "pink/blue"), not after
    # digits ("125g") or apostrophes ("50's").
    return re.sub(r"(^|[-/(+&\"])([a-z])", lambda match: match[1] + match[2].upper(), lower)


# --- Reading the sample ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CsvLine:
    """One usable sales row: `at` is the shop's wall-clock time, as the file gives it."""

    invoice: str
    code: str
    description: str
    quantity: int
    at: datetime
    unit_price_minor: int
    customer_code: str


@dataclass(frozen=True)
class CsvSample:
    lines: list[CsvLine]
    skipped: Counter[str]
    """Rows left out, by reason."""


def read_sales_csv(path: Path) -> CsvSample:
    """The rows of a sale with a known customer, a positive price and a stock item.

    Cancellations (invoice "C..."), walk-in sales (no CustomerID), adjustments (price
    <= 0), postage and fees are skipped and counted by reason.
    """
    lines: list[CsvLine] = []
    skipped: Counter[str] = Counter()
    try:
        with path.open(encoding="utf-8", newline="") as file:
            for row in csv.DictReader(file):
                outcome = _read_row(row)
                if isinstance(outcome, CsvLine):
                    lines.append(outcome)
                else:
                    skipped[outcome] += 1
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise UserError(
            f"cannot read the demo sales file {path} ({error}); give another file"
        ) from None
    if not lines:
        raise UserError(f"the demo sales file {path} has no usable sales rows")
    return CsvSample(lines, skipped)


def _skip_reason(row: dict[str, str]) -> str | None:
    if (row.get("InvoiceNo") or "").startswith("C"):
        return "cancellation"
    if not (row.get("CustomerID") or "").strip():
        return "no customer"
    if not MERCHANDISE_CODE.fullmatch((row.get("StockCode") or "").strip()):
        return "not a stock item"
    return None


def _read_row(row: dict[str, str]) -> CsvLine | str:
    """The row as a sales line, or the reason it is left out."""
    reason = _skip_reason(row)
    if reason is not None:
        return reason
    line = _parse_row(row)
    if line is None:
        return "unreadable"
    if line.unit_price_minor <= 0:
        return "price not positive"
    if line.quantity <= 0:
        return "quantity not positive"
    return line


def _parse_row(row: dict[str, str]) -> CsvLine | None:
    """The row as typed values, or None when a number, the date or the customer is bad."""
    try:
        price = Decimal(row["UnitPrice"].strip())
        customer = Decimal(row["CustomerID"].strip())
        quantity = int(row["Quantity"])
        at = datetime.strptime(row["InvoiceDate"].strip(), "%Y-%m-%d %H:%M:%S")  # noqa: DTZ007
    except (KeyError, ValueError, InvalidOperation):
        return None
    if not price.is_finite() or customer != customer.to_integral_value():
        return None
    return CsvLine(
        invoice=row["InvoiceNo"].strip(),
        code=row["StockCode"].strip(),
        description=row["Description"] or "",
        quantity=quantity,
        at=at,
        unit_price_minor=round_half_up(price.scaleb(2)),
        customer_code=str(int(customer)),
    )


def retail_price(wholesale_minor: int) -> int:
    """A shop price from the sample's wholesale one: about 2.5 times, ending in .49 or .99."""
    return -(-wholesale_minor * 5 // 100) * 50 - 1


def choose_products(lines: Sequence[CsvLine], limit: int) -> list[NewProduct]:
    """The `limit` most sold stock codes, with their usual description and price."""
    rows = Counter(line.code for line in lines)
    descriptions: dict[str, Counter[str]] = {}
    prices: dict[str, Counter[int]] = {}
    for line in lines:
        descriptions.setdefault(line.code, Counter())[line.description] += 1
        prices.setdefault(line.code, Counter())[line.unit_price_minor] += 1
    chosen = sorted(rows, key=lambda code: (-rows[code], code))[:limit]
    products = []
    for code in chosen:
        name = tidy_name(descriptions[code].most_common(1)[0][0]) or code
        products.append(
            NewProduct(
                code=code,
                name=name,
                price_minor=retail_price(prices[code].most_common(1)[0][0]),
                tax_code=tax_code_for(name),
                category=category_for(name),
            )
        )
    return products


def choose_customers(lines: Sequence[CsvLine], limit: int) -> list[str]:
    """The codes of the `limit` customers with the most invoices (visits), most loyal first."""
    invoices = {(line.customer_code, line.invoice) for line in lines}
    visits = Counter(customer for customer, _ in invoices)
    return sorted(visits, key=lambda code: (-visits[code], int(code)))[:limit]


# --- Moving the history to the last two years ----------------------------------------------


@dataclass(frozen=True)
class DateRemap:
    """Spreads the file's days linearly over a target range, keeping the time of day."""

    source_first: date
    source_last: date
    target_first: date
    target_last: date

    @classmethod
    def onto_days_before(cls, lines: Sequence[CsvLine], today: date, days: int) -> Self:
        """From the file's first and last days onto the `days` days that end yesterday."""
        source = [line.at.date() for line in lines]
        yesterday = today - timedelta(days=1)
        return cls(min(source), max(source), today - timedelta(days=days), yesterday)

    def day(self, source: date) -> date:
        """The target day for a source day (rounded half up to whole days)."""
        source_span = max((self.source_last - self.source_first).days, 1)
        target_span = (self.target_last - self.target_first).days
        offset = (source - self.source_first).days
        return self.target_first + timedelta(
            days=(2 * offset * target_span + source_span) // (2 * source_span)
        )

    def __call__(self, wall_clock: datetime) -> datetime:
        """A naive shop-local time from the file, moved and returned as aware UTC."""
        moved = self.day(wall_clock.date())
        return local_time(moved, wall_clock.hour, wall_clock.minute, wall_clock.second)


# --- Building ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DemoSummary:
    """What `build_demo_shop` wrote."""

    categories: int
    products: int
    barcodes: int
    customers: int
    staff: int
    sales: int
    sale_lines: int
    shifts: int
    birthdays_this_week: int
    csv_rows_skipped: int


def build_demo_shop(
    database: Database, csv_path: Path | None = None, clock: Clock = utc_now
) -> DemoSummary:
    """Fill an empty, migrated database with the demo shop; `UserError` if it has a shop.

    `csv_path` defaults to the bundled sample. Everything is written in one
    transaction: an error leaves the database empty.
    """
    sample = read_sales_csv(csv_path or DEMO_CSV)
    today = clock().astimezone(SHOP_ZONE).date()
    remap = DateRemap.onto_days_before(sample.lines, today, HISTORY_DAYS)
    rng = random.Random(DEMO_SEED)
    products = choose_products(sample.lines, DEMO_PRODUCTS)
    customer_codes = choose_customers(sample.lines, DEMO_CUSTOMERS)
    customer_ids = {code: number for number, code in enumerate(customer_codes, start=1)}
    opened_at = local_time(remap.target_first - timedelta(days=1), 9)
    with database.writer() as uow:
        setup = write_shop_setup(uow, CATEGORIES, opened_at)
        catalogue, barcodes = write_products(uow, setup, products)
        plans = plan_sales(sample.lines, catalogue, customer_ids, remap)
        people = PersonFactory.from_resources(rng)
        rows = _customer_rows(people, rng, customer_ids, plans, today=today, opened_at=opened_at)
        customers = write_customers(uow, rows)
        writer = SalesHistoryWriter(uow, setup, rng)
        for day_sales in _by_shop_day(plans):
            writer.add_day(day_sales)
        history = writer.finish(customer_ids.values())
        reset_id_sequences(uow.session)
        uow.commit()
    log.info("demo shop built; CSV rows skipped by reason: %s", dict(sample.skipped))
    return DemoSummary(
        categories=len(CATEGORIES),
        products=len(catalogue),
        barcodes=barcodes,
        customers=customers,
        staff=setup.staff,
        sales=history.sales,
        sale_lines=history.sale_lines,
        shifts=history.shifts,
        birthdays_this_week=len(BIRTHDAY_OFFSETS),
        csv_rows_skipped=sum(sample.skipped.values()),
    )


def plan_sales(
    lines: Sequence[CsvLine],
    catalogue: Sequence[CatalogueItem],
    customer_ids: dict[str, int],
    remap: DateRemap,
) -> list[PlannedSale]:
    """The chosen customers' invoices as sales of demo products, in time order.

    Lines of products outside the demo catalogue are dropped, and so are invoices left
    with no line.
    """
    items = {item.code: item for item in catalogue}
    invoices: dict[str, list[CsvLine]] = {}
    for line in lines:
        if line.customer_code in customer_ids and line.code in items:
            invoices.setdefault(line.invoice, []).append(line)
    plans = [
        PlannedSale(
            at=remap(invoice_lines[0].at),
            customer_id=customer_ids[invoice_lines[0].customer_code],
            lines=tuple(
                PlannedLine(
                    items[line.code], min(line.quantity, RETAIL_MAX_QUANTITY),
                    retail_price(line.unit_price_minor),
                )
                for line in invoice_lines
            ),
        )
        for invoice_lines in invoices.values()
    ]
    plans.sort(key=lambda plan: plan.at)
    return plans


def _customer_rows(
    people: PersonFactory,
    rng: random.Random,
    customer_ids: dict[str, int],
    plans: Sequence[PlannedSale],
    *,
    today: date,
    opened_at: datetime,
) -> list[Row]:
    """Invented people for the file's customers, registered at their first visit.

    A few, picked at random, have their birthday today or later this week.
    """
    first_visits = _first_visits(plans)
    lucky = rng.sample(sorted(customer_ids.values()), len(BIRTHDAY_OFFSETS))
    birthdays = {
        customer_id: people.birthday_on(today + timedelta(days=days))
        for customer_id, days in zip(lucky, BIRTHDAY_OFFSETS, strict=True)
    }
    return [
        people.customer_row(
            customer_id=customer_id,
            code=code,
            index=customer_id - 1,
            created_at=first_visits.get(customer_id, opened_at),
            birthday=birthdays.get(customer_id),
        )
        for code, customer_id in customer_ids.items()
    ]


def _first_visits(plans: Sequence[PlannedSale]) -> dict[int, datetime]:
    first: dict[int, datetime] = {}
    for plan in plans:  # in time order, so the first seen is the earliest
        if plan.customer_id is not None:
            first.setdefault(plan.customer_id, plan.at)
    return first


def _by_shop_day(plans: Sequence[PlannedSale]) -> Iterator[list[PlannedSale]]:
    """Time-ordered sales grouped by the shop's calendar day."""
    for _, day_sales in groupby(plans, key=lambda plan: plan.at.astimezone(SHOP_ZONE).date()):
        yield list(day_sales)

