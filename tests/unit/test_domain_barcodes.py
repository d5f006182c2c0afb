import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.domain.barcodes import ean13_check_digit, is_valid_ean13, make_ean13
from pos.domain.embedded_barcodes import (
    Embedded,
    EmbeddedRules,
    parse_embedded,
    weighed_price_minor,
)

RULES = EmbeddedRules()


@pytest.mark.parametrize(
    ("body", "check"), [("400638133393", "1"), ("590123412345", "7"), ("000000000000", "0")]
)
def test_ean13_check_digit_known_codes(body: str, check: str) -> None:
    assert ean13_check_digit(body) == check


@pytest.mark.parametrize(
    "body", ["40063813339", "4006381333931", "40063813339x", "\N{FULLWIDTH DIGIT FOUR}" * 12]
)
def test_ean13_check_digit_needs_twelve_ascii_digits(body: str) -> None:
    with pytest.raises(ValueError, match="12 digits"):
        ean13_check_digit(body)


@pytest.mark.parametrize(
    ("code", "valid"),
    [
        ("4006381333931", True),
        ("4006381333932", False),
        ("400638133393", False),
        ("400638133393A", False),
        ("", False),
    ],
)
def test_is_valid_ean13(code: str, valid: bool) -> None:
    assert is_valid_ean13(code) is valid


def test_price_embedded_barcode() -> None:
    code = make_ean13("20" + "12345" + "01299")
    assert parse_embedded(code, RULES) == Embedded("12345", price_minor=1299, weight_grams=None)


def test_weight_embedded_barcode() -> None:
    code = make_ean13("23" + "00042" + "00750")
    assert parse_embedded(code, RULES) == Embedded("00042", price_minor=None, weight_grams=750)


@pytest.mark.parametrize(
    "code",
    [
        "2012345012990",  # wrong check digit (the right one is 1)
        make_ean13("400638133393"),  # a manufacturer's code, not in-store
        make_ean13("300000000000"),
        "20123450129",  # too short
        "",
    ],
)
def test_codes_that_are_not_embedded_give_none(code: str) -> None:
    assert parse_embedded(code, RULES) is None


def test_the_shop_chooses_its_prefixes() -> None:
    rules = EmbeddedRules(price_prefixes=frozenset({"29"}), weight_prefixes=frozenset({"20"}))
    assert parse_embedded(make_ean13("290000100250"), rules) == Embedded("00001", 250, None)
    assert parse_embedded(make_ean13("200000100250"), rules) == Embedded("00001", None, 250)
    assert parse_embedded(make_ean13("230000100250"), rules) is None


def test_rules_refuse_bad_or_ambiguous_prefixes() -> None:
    with pytest.raises(ValueError, match="both price and weight"):
        EmbeddedRules(price_prefixes=frozenset({"20"}), weight_prefixes=frozenset({"20"}))
    with pytest.raises(ValueError, match="two digits"):
        EmbeddedRules(price_prefixes=frozenset({"2"}))


@given(
    st.sampled_from(sorted(RULES.price_prefixes | RULES.weight_prefixes)),
    st.integers(0, 99_999),
    st.integers(0, 99_999),
)
def test_embedded_barcodes_round_trip(prefix: str, item: int, value: int) -> None:
    parsed = parse_embedded(make_ean13(f"{prefix}{item:05d}{value:05d}"), RULES)
    by_price = prefix in RULES.price_prefixes
    assert parsed == Embedded(
        f"{item:05d}", value if by_price else None, None if by_price else value
    )


@pytest.mark.parametrize(
    ("per_kg", "grams", "price"),
    [
        (1299, 750, 974),
        (1000, 5, 5),
        (100, 5, 1),
        (1, 499, 0),
        (1, 500, 1),
        (1299, 0, 0),
        (2500, 1000, 2500),
    ],
)
def test_weighed_price_rounds_half_up(per_kg: int, grams: int, price: int) -> None:
    assert weighed_price_minor(per_kg, grams) == price


def test_weighed_price_refuses_negatives() -> None:
    with pytest.raises(ValueError, match="0 or more"):
        weighed_price_minor(-1, 100)
    with pytest.raises(ValueError, match="0 or more"):
        weighed_price_minor(100, -1)
