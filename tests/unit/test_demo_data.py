"""The pure parts of the data builders: barcodes, names, categories, tax, dates, birthdays."""

import random
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from pos.bench.dataset import generate_products
from pos.domain.barcodes import ean13_check_digit, is_valid_ean13, make_ean13
from pos.services.demo import DateRemap, category_for, retail_price, tax_code_for, tidy_name
from pos.services.seed import PersonFactory, product_barcodes

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize("code", ["4006381333931", "9780306406157", "5000000000005"])
def test_known_ean13_codes_are_valid(code: str) -> None:
    assert is_valid_ean13(code)
    assert make_ean13(code[:12]) == code


@pytest.mark.parametrize(
    "code", ["4006381333932", "400638133393", "40063813339311", "40063813339a1"]
)
def test_wrong_ean13_codes_are_refused(code: str) -> None:
    assert not is_valid_ean13(code)


def test_check_digit_needs_twelve_digits() -> None:
    with pytest.raises(ValueError, match="12 digits"):
        ean13_check_digit("12345")


def test_product_barcodes_are_valid_unique_and_some_products_have_two() -> None:
    per_product = [product_barcodes(index) for index in range(60_000)]
    every = [barcode for barcodes in per_product for barcode in barcodes]
    assert len(set(every)) == len(every)
    assert all(is_valid_ean13(barcode) for barcode in every)
    assert {len(barcodes) for barcodes in per_product} == {1, 2}


@pytest.mark.parametrize(
    ("raw", "tidy"),
    [
        ("SET OF 3  T-LIGHT HOLDERS .", "Set of 3 T-Light Holders"),
        ("PAPER CHAIN KIT 50'S CHRISTMAS ", "Paper Chain Kit 50's Christmas"),
        ("KEY FOB , SHED", "Key Fob, Shed"),
        ("PACK OF SIX LED TEA LIGHTS", "Pack of Six LED Tea Lights"),
        ("BAG 125g SWIRLY MARBLES", "Bag 125g Swirly Marbles"),
        ("PINK/BLUE FELT CRAFT TRINKET BOX", "Pink/Blue Felt Craft Trinket Box"),
        ("OF MICE AND MEN", "Of Mice and Men"),
    ],
)
def test_tidy_name(raw: str, tidy: str) -> None:
    assert tidy_name(raw) == tidy


@pytest.mark.parametrize(
    ("name", "category"),
    [
        ("Jumbo Bag Red Retrospot", "Bags"),
        ("Vintage Christmas Bunting", "Christmas"),
        ("Home Sweet Home Mug", "Kitchen"),
        ("Rabbit Night Light", "Lighting"),
        ("Spaceboy Birthday Card", "Cards & Wrap"),
        ("Feltcraft Doll Emily", "Toys & Games"),
        ("Hot Water Bottle Keep Calm", "Gifts & Home"),
    ],
)
def test_category_for(name: str, category: str) -> None:
    assert category_for(name) == category


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Treasure Island Picture Book", "ZERO"),
        ("Childrens Apron Spaceboy Design", "ZERO"),
        ("Bundle of 3 Alphabet Exercise Books", "STD"),
        ("Apron Apples Design", "STD"),
        ("Regency Cakestand 3 Tier", "STD"),
    ],
)
def test_tax_code_for(name: str, code: str) -> None:
    assert tax_code_for(name) == code


REMAP = DateRemap(date(2010, 12, 1), date(2011, 12, 9), date(2024, 12, 29), date(2026, 12, 28))


def test_remap_spans_the_target_range() -> None:
    assert REMAP.day(date(2010, 12, 1)) == date(2024, 12, 29)
    assert REMAP.day(date(2011, 12, 9)) == date(2026, 12, 28)
    # 186 of 373 days in: 186 * 729 / 373 = 363.5 days, rounded half up to 364.
    assert REMAP.day(date(2011, 6, 5)) == date(2024, 12, 29) + timedelta(days=364)


@pytest.mark.parametrize("source_day", [date(2011, 1, 10), date(2011, 5, 20), date(2011, 8, 1)])
def test_remap_keeps_the_shop_time_of_day_in_every_season(source_day: date) -> None:
    wall_clock = datetime(source_day.year, source_day.month, source_day.day, 14, 5, 30)  # noqa: DTZ001
    moved = REMAP(wall_clock)
    assert moved.tzinfo is UTC
    local = moved.astimezone(LONDON)
    assert (local.hour, local.minute, local.second) == (14, 5, 30)
    assert local.date() == REMAP.day(source_day)


def test_birthdays_on_29_february_have_a_leap_year_or_none() -> None:
    people = PersonFactory(random.Random(7), ["Ann"], ["Lee"], ["note"])
    birthdays = [people.birthday_on(date(2028, 2, 29)) for _ in range(200)]
    years = [birthday.year for birthday in birthdays if birthday.year is not None]
    assert 40 < len(years) < 160
    assert all(year % 4 == 0 for year in years)
    assert {(birthday.day, birthday.month) for birthday in birthdays} == {(29, 2)}


def test_random_birthdays_are_real_dates() -> None:
    people = PersonFactory(random.Random(3), ["Ann"], ["Lee"], ["note"])
    for _ in range(2000):
        birthday = people.random_birthday()
        date(birthday.year or 2000, birthday.month, birthday.day)


def test_generated_emails_are_unique() -> None:
    people = PersonFactory(random.Random(1), ["Ann"], ["Lee"], ["note"])
    now = datetime(2026, 1, 1, tzinfo=UTC)
    rows = [
        people.customer_row(customer_id=n, code=str(n), index=n, created_at=now)
        for n in range(300)
    ]
    emails = [str(row["email"]) for row in rows if row["email"]]
    assert len(emails) > 200
    assert len(set(emails)) == len(emails)


def test_generated_products_have_distinct_names_and_shop_prices() -> None:
    products = generate_products(random.Random(5), 5000)
    assert len({product.name for product in products}) == 5000
    assert len({product.code for product in products}) == 5000
    assert all(product.price_minor > 0 and product.price_minor % 5 == 0 for product in products)


def test_retail_prices_end_in_49_or_99() -> None:
    assert [retail_price(p) for p in (19, 42, 125, 295, 1000)] == [49, 149, 349, 749, 2499]
