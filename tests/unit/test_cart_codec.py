"""Parked carts as JSON: any cart comes back exactly, and damaged text is refused."""

import json
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.domain.basis_points import BP_WHOLE
from pos.domain.cart import MAX_QUANTITY, Cart, CartLine, Discount, VoidedLine
from pos.domain.gifts import RECIPIENT_MAX_LENGTH, GiftMark, GiftOccasion
from pos.services.cart_codec import CartFormatError, decode, encode

prices = st.integers(min_value=0, max_value=10**9)
gift_marks = st.none() | st.builds(
    GiftMark,
    st.text(min_size=1, max_size=RECIPIENT_MAX_LENGTH).filter(lambda name: name.split() != []),
    st.sampled_from(GiftOccasion),
    st.none() | st.dates(),
)
"""No gift, or a mark for anyone (any script), for any occasion, on any day or none."""


def discounts(base_minor: int) -> st.SearchStrategy[Discount | None]:
    """No discount, or one that fits `base_minor`."""
    return st.one_of(
        st.none(),
        st.builds(Discount, st.just("amount"), st.integers(0, base_minor)),
        st.builds(Discount, st.just("percent"), st.integers(0, BP_WHOLE)),
    )


@st.composite
def cart_lines(draw: st.DrawFn) -> CartLine:
    """Plain, discounted, overridden, weighed and price-marked lines."""
    priced_as_whole = draw(st.booleans())
    line_price = draw(prices) if priced_as_whole else None
    weight = draw(st.none() | st.integers(1, 100_000)) if priced_as_whole else None
    quantity = 1 if priced_as_whole else draw(st.integers(1, MAX_QUANTITY))
    unit_price = draw(prices)
    gross = line_price if line_price is not None else unit_price * quantity
    return CartLine(
        product_id=draw(st.none() | st.integers(1, 2**31)),
        code=draw(st.text(max_size=12)),
        name=draw(st.text(max_size=30)),
        unit_price_minor=unit_price,
        quantity=quantity,
        tax_rate_bp=draw(st.integers(0, BP_WHOLE)),
        discount=draw(discounts(gross)),
        price_overridden=draw(st.booleans()),
        weight_grams=weight,
        line_price_minor=line_price,
        gift=draw(gift_marks),
    )


@st.composite
def carts(draw: st.DrawFn) -> Cart:
    lines = tuple(draw(st.lists(cart_lines(), max_size=6)))
    voided = tuple(
        VoidedLine(line, reason)
        for line, reason in draw(st.lists(st.tuples(cart_lines(), st.text()), max_size=3))
    )
    base = sum(line.discounted_minor for line in lines)
    return Cart(lines, draw(discounts(base)), voided, draw(gift_marks),
                draw(st.none() | st.integers(1, 2**31)))


@given(carts())
def test_any_cart_comes_back_exactly(cart: Cart) -> None:
    text = encode(cart)
    assert text.isascii()
    assert decode(text) == cart


def test_a_worked_example_keeps_every_detail() -> None:
    cart = (
        Cart()
        .add(CartLine(1, "M1", "Cat Mug", 450, 3, 2000))
        .add(CartLine(7, "2300042", "Cheese", 1299, 1, 0, weight_grams=750, line_price_minor=974))
        .add(CartLine(None, "MISC", "Odd item \u00e9\u0000", 100, 1, 2000))
        .override_price(0, 400)
        .discount_line(1, Discount("amount", 74), limit_bp=BP_WHOLE)
        .void_line(2, "scanned twice")
        .discount_sale(Discount("percent", 1000), limit_bp=BP_WHOLE)
    )
    restored = decode(encode(cart))
    assert restored == cart
    assert restored.lines[0].price_overridden
    assert restored.lines[1].weight_grams == 750
    assert restored.voided[0].reason == "scanned twice"
    assert restored.sale_discount == Discount("percent", 1000)


def test_gift_marks_come_back_on_the_sale_and_on_lines() -> None:
    cart = (
        Cart()
        .add(CartLine(1, "T1", "Teapot", 2400, 1, 2000))
        .add(CartLine(2, "M1", "Cat Mug", 450, 2, 2000))
        .mark_gift(0, GiftMark("Zoë", GiftOccasion.BIRTHDAY, date(2028, 2, 29)))
        .mark_gift(None, GiftMark("Ben", GiftOccasion.WEDDING))
    )
    text = encode(cart)
    assert text.isascii()
    restored = decode(text)
    assert restored == cart
    assert restored.gifts == (
        (None, GiftMark("Ben", GiftOccasion.WEDDING)),
        (1, GiftMark("Zoë", GiftOccasion.BIRTHDAY, date(2028, 2, 29))),
    )


VERSION_1_CART = (
    '{"lines":[{"code":"M1","discount":null,"line_price_minor":null,"name":"Cat Mug",'
    '"price_overridden":false,"product_id":1,"quantity":2,"tax_rate_bp":2000,'
    '"unit_price_minor":450,"weight_grams":null}],"sale_discount":{"kind":"percent",'
    '"value":1000},"version":1,"voided":[{"line":{"code":"X","discount":null,'
    '"line_price_minor":null,"name":"Odd","price_overridden":false,"product_id":null,'
    '"quantity":1,"tax_rate_bp":0,"unit_price_minor":100,"weight_grams":null},'
    '"reason":"scanned twice"}]}'
)
"""A cart parked (or quoted) before gifts existed, exactly as version 1 wrote it."""


def test_a_cart_parked_before_gifts_still_decodes_without_gifts() -> None:
    cart = decode(VERSION_1_CART)
    assert cart == Cart(
        (CartLine(1, "M1", "Cat Mug", 450, 2, 2000),), Discount("percent", 1000),
        (VoidedLine(CartLine(None, "X", "Odd", 100, 1, 0), "scanned twice"),),
    )
    assert cart.gifts == ()


def _valid_document() -> dict[str, object]:
    document = json.loads(encode(Cart().add(CartLine(1, "M1", "Cat Mug", 450, 2, 2000))))
    assert isinstance(document, dict)
    return document


def _with_line_field(key: str, value: object) -> str:
    document = _valid_document()
    lines = document["lines"]
    assert isinstance(lines, list)
    lines[0][key] = value
    return json.dumps(document)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("not json", "not valid JSON"),
        ("[]", "not a JSON object"),
        (json.dumps({**_valid_document(), "version": 4}), "format version 4"),
        (json.dumps({**_valid_document(), "quotation_id": "Q1"}), "'quotation_id' .* not a whole"),
        (json.dumps({**_valid_document(), "lines": {}}), "'lines' .* not a list"),
        (_with_line_field("quantity", True), "'quantity' .* not a whole number"),
        (_with_line_field("quantity", 0), "not a valid sale: quantity must be between"),
        (_with_line_field("name", 5), "'name' .* not text"),
        (_with_line_field("discount", {"kind": "free", "value": 1}), "unknown kind 'free'"),
        (_with_line_field("weight_grams", 100), "not a valid sale"),
        (_with_line_field("gift", {"recipient": "Anna", "occasion": "divorce",
                                   "occasion_on": None}), "unknown occasion 'divorce'"),
        (_with_line_field("gift", {"recipient": "Anna", "occasion": "birthday",
                                   "occasion_on": "2026-02-30"}), "not a date"),
        (_with_line_field("gift", {"recipient": " ", "occasion": "birthday",
                                   "occasion_on": None}), "not a valid sale: say who"),
        (_with_line_field("gift", {"recipient": "Anna", "occasion": "birthday"}),
         "missing 'occasion_on'"),
    ],
)
def test_damaged_text_is_refused(text: str, message: str) -> None:
    with pytest.raises(CartFormatError, match=message):
        decode(text)


@pytest.mark.parametrize("key", ["sale_discount", "gift"])
def test_a_missing_field_is_refused_not_defaulted(key: str) -> None:
    document = _valid_document()
    del document[key]
    with pytest.raises(CartFormatError, match=f"missing '{key}'"):
        decode(json.dumps(document))
