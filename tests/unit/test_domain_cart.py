import pytest

from pos.domain.cart import Cart, CartLine, Discount, VoidedLine
from pos.domain.errors import UserError

NO_LIMIT = 10000


def item(
    product_id: int | None = 1, price: int = 250, quantity: int = 1, rate_bp: int = 2000
) -> CartLine:
    """A plain catalogue line (shared by the other domain tests)."""
    return CartLine(product_id, f"P{product_id}", f"Product {product_id}", price, quantity, rate_bp)


def weighed(line_price: int = 974, grams: int = 750) -> CartLine:
    return CartLine(
        7, "2300042", "Cheese", 1299, 1, 0, weight_grams=grams, line_price_minor=line_price
    )


def cart_of(*lines: CartLine) -> Cart:
    return Cart(tuple(lines))


# ring up


def test_adding_the_same_plain_product_adds_quantity() -> None:
    cart = Cart().add(item(1, quantity=2)).add(item(2)).add(item(1, quantity=3))
    assert [(line.product_id, line.quantity) for line in cart.lines] == [(1, 5), (2, 1)]


@pytest.mark.parametrize(
    "existing",
    [
        item(1, price=300),
        CartLine(1, "P1", "Product 1", 250, 1, 2000, discount=Discount("amount", 10)),
        CartLine(1, "P1", "Product 1", 250, 1, 2000, price_overridden=True),
        item(None),
    ],
    ids=["other-price", "discounted", "overridden", "no-product"],
)
def test_lines_that_are_not_plain_or_differ_are_not_merged(existing: CartLine) -> None:
    scanned = item(existing.product_id)
    assert len(cart_of(existing).add(scanned).lines) == 2


def test_weighed_items_are_never_merged() -> None:
    assert len(Cart().add(weighed()).add(weighed()).lines) == 2


def test_operations_return_new_carts_and_leave_the_old_one_alone() -> None:
    before = cart_of(item())
    after = before.set_quantity(0, 4)
    assert before.lines[0].quantity == 1
    assert after.lines[0].quantity == 4


@pytest.mark.parametrize("quantity", [0, -1, 10_000, 1_000_000])
def test_quantities_outside_1_to_9999_are_refused(quantity: int) -> None:
    with pytest.raises(UserError, match="quantity must be between 1 and 9,999"):
        item(quantity=quantity)
    with pytest.raises(UserError, match="quantity must be between 1 and 9,999"):
        cart_of(item()).set_quantity(0, quantity)


@pytest.mark.parametrize("quantity", [1, 9_999])
def test_quantity_limits_themselves_are_allowed(quantity: int) -> None:
    assert cart_of(item()).set_quantity(0, quantity).lines[0].quantity == quantity


def test_merging_past_the_quantity_limit_is_refused() -> None:
    with pytest.raises(UserError, match="quantity must be between 1 and 9,999"):
        cart_of(item(quantity=9_999)).add(item())


def test_negative_prices_and_rates_are_refused() -> None:
    with pytest.raises(UserError, match="a price cannot be negative"):
        item(price=-1)
    with pytest.raises(UserError, match="tax rate cannot be negative"):
        item(rate_bp=-1)


def test_weighed_lines_cost_their_line_price_and_stay_at_quantity_one() -> None:
    cart = cart_of(weighed(line_price=974))
    assert cart.lines[0].gross_minor == 974
    with pytest.raises(UserError, match="cannot change quantity; scan or weigh the item again"):
        cart.set_quantity(0, 2)
    with pytest.raises(UserError, match="one line of quantity 1"):
        CartLine(7, "x", "Cheese", 1299, 2, 0, weight_grams=750, line_price_minor=974)
    with pytest.raises(UserError, match="weight must be more than 0 g"):
        weighed(grams=0)
    with pytest.raises(ValueError, match="needs its computed line_price_minor"):
        CartLine(7, "x", "Cheese", 1299, 1, 0, weight_grams=750)


def test_a_missing_line_is_named_from_one() -> None:
    with pytest.raises(UserError, match="there is no line 3 in this sale"):
        cart_of(item(1), item(2)).set_quantity(2, 1)
    with pytest.raises(UserError, match="there is no line 0 in this sale"):
        cart_of(item(1)).void_line(-1, "wrong item")


# voids


def test_void_removes_the_line_and_keeps_it_with_the_reason() -> None:
    first, second = item(1), item(2)
    cart = cart_of(first, second).void_line(0, "  customer changed mind ")
    assert cart.lines == (second,)
    assert cart.voided == (VoidedLine(first, "customer changed mind"),)
    assert cart.void_line(0, "scanned twice").voided[-1] == VoidedLine(second, "scanned twice")


@pytest.mark.parametrize("reason", ["", "   "])
def test_void_needs_a_reason(reason: str) -> None:
    with pytest.raises(UserError, match="give a reason for voiding the line"):
        cart_of(item()).void_line(0, reason)


# discounts


def test_discount_must_be_between_nothing_and_everything() -> None:
    with pytest.raises(UserError, match="a discount cannot be more than 100 %"):
        Discount("percent", 10001)
    with pytest.raises(UserError, match="a discount cannot be negative"):
        Discount("amount", -1)
    with pytest.raises(ValueError, match="'amount' or 'percent'"):
        Discount("bogus", 1)  # type: ignore[arg-type]


def test_line_discounts_take_off_amounts_and_percentages() -> None:
    cart = cart_of(item(price=333, quantity=3))
    assert cart.discount_line(0, Discount("amount", 99), NO_LIMIT).lines[0].discounted_minor == 900
    # 12.5 % of 9.99 is 1.24875: rounded half up to 1.25.
    assert cart.discount_line(0, Discount("percent", 1250), NO_LIMIT).lines[0].discount_minor == 125
    assert (
        cart.discount_line(0, Discount("percent", 10000), NO_LIMIT).lines[0].discounted_minor == 0
    )


def test_a_line_discount_cannot_exceed_the_line() -> None:
    with pytest.raises(UserError, match="cannot be more than the line amount"):
        cart_of(item(price=250)).discount_line(0, Discount("amount", 251), NO_LIMIT)


def test_removing_a_line_discount() -> None:
    cart = cart_of(item()).discount_line(0, Discount("amount", 50), NO_LIMIT)
    assert cart.discount_line(0, None, 0).lines[0].discount is None


@pytest.mark.parametrize(
    ("discount", "allowed"),
    [
        (Discount("percent", 1000), True),
        (Discount("percent", 1001), False),
        (Discount("amount", 100), True),  # exactly 10 % of 10.00
        (Discount("amount", 101), False),
    ],
)
def test_cashier_limit_applies_to_line_discounts(discount: Discount, allowed: bool) -> None:
    cart = cart_of(item(price=500, quantity=2))
    if allowed:
        assert cart.discount_line(0, discount, 1000).lines[0].discount == discount
    else:
        with pytest.raises(UserError, match="your discount limit is 10 % of the line; ask a"):
            cart.discount_line(0, discount, 1000)


def test_sale_discount_applies_to_the_lines_after_their_own_discounts() -> None:
    cart = cart_of(item(1, price=1000), item(2, price=1000))
    cart = cart.discount_line(0, Discount("amount", 500), NO_LIMIT)
    assert cart.discounted_subtotal_minor == 1500
    with pytest.raises(UserError, match="cannot be more than the sale amount"):
        cart.discount_sale(Discount("amount", 1501), NO_LIMIT)
    with pytest.raises(UserError, match=r"your discount limit is 12\.5 % of the sale"):
        cart.discount_sale(Discount("amount", 188), 1250)  # 1500 * 12.5 % = 187.5
    assert cart.discount_sale(Discount("amount", 187), 1250).sale_discount == Discount(
        "amount", 187
    )
    assert cart.discount_sale(None, 0).sale_discount is None


def test_changes_that_would_leave_the_sale_discount_too_big_are_refused() -> None:
    cart = cart_of(item(1, price=1000), item(2, price=1000)).discount_sale(
        Discount("amount", 1500), NO_LIMIT
    )
    expected = "sale discount would be more than the sale; lower or remove the sale discount"
    with pytest.raises(UserError, match=expected):
        cart.void_line(0, "not wanted")
    with pytest.raises(UserError, match=expected):
        cart.override_price(0, 100)
    with pytest.raises(UserError, match=expected):
        cart.discount_line(0, Discount("percent", 10000), NO_LIMIT)


def test_lowering_quantity_below_an_amount_discount_is_refused() -> None:
    cart = cart_of(item(price=100, quantity=3)).discount_line(0, Discount("amount", 250), NO_LIMIT)
    with pytest.raises(UserError, match="cannot be more than the line amount"):
        cart.set_quantity(0, 2)


# price overrides


def test_override_sets_the_price_and_marks_the_line() -> None:
    line = cart_of(item(price=250, quantity=2)).override_price(0, 199).lines[0]
    assert (line.unit_price_minor, line.price_overridden, line.gross_minor) == (199, True, 398)


def test_override_of_a_weighed_line_sets_the_line_price() -> None:
    line = cart_of(weighed(line_price=974)).override_price(0, 900).lines[0]
    assert (line.line_price_minor, line.unit_price_minor, line.gross_minor) == (900, 1299, 900)


def test_override_to_a_negative_price_is_refused() -> None:
    with pytest.raises(UserError, match="a price cannot be negative; enter 0 or more"):
        cart_of(item()).override_price(0, -5)


def test_discount_limits_must_be_a_percentage() -> None:
    with pytest.raises(ValueError, match=r"0\.\.10000 basis points"):
        cart_of(item()).discount_line(0, Discount("percent", 1), 10001)
