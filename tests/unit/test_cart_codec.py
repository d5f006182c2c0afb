"""Parked carts as JSON: any cart comes back exactly, and damaged text is refused."""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.domain.basis_points import BP_WHOLE
from pos.domain.cart import MAX_QUANTITY, Cart, CartLine, Discount, VoidedLine
from pos.services.cart_codec import CartFormatError, decode, encode

prices = st.integers(min_value=0, max_value=10**9)


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
    )


@st.composite
def carts(draw: st.DrawFn) -> Cart:
    lines = tuple(draw(st.lists(cart_lines(), max_size=6)))
    voided = tuple(
        VoidedLine(line, reason)
        for line, reason in draw(st.lists(st.tuples(cart_lines(), st.text()), max_size=3))
    )
    base = sum(line.discounted_minor for line in lines)
    return Cart(lines, draw(discounts(base)), voided)


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
        (json.dumps({**_valid_document(), "version": 2}), "format version 2"),
        (json.dumps({**_valid_document(), "lines": {}}), "'lines' .* not a list"),
        (_with_line_field("quantity", True), "'quantity' .* not a whole number"),
        (_with_line_field("quantity", 0), "not a valid sale: quantity must be between"),
        (_with_line_field("name", 5), "'name' .* not text"),
        (_with_line_field("discount", {"kind": "free", "value": 1}), "unknown kind 'free'"),
        (_with_line_field("weight_grams", 100), "not a valid sale"),
    ],
)
def test_damaged_text_is_refused(text: str, message: str) -> None:
    with pytest.raises(CartFormatError, match=message):
        decode(text)


def test_a_missing_field_is_refused_not_defaulted() -> None:
    document = _valid_document()
    del document["sale_discount"]
    with pytest.raises(CartFormatError, match="missing 'sale_discount'"):
        decode(json.dumps(document))
