from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos.domain.cart import Cart, CartLine, Discount
from pos.domain.pricing import CartTotals, LineTotal, PricingRules, cash_round, price_cart
from pos.domain.tax import TaxLine, tax_of
from tests.unit.test_domain_cart import NO_LIMIT, item

INCLUSIVE = PricingRules(prices_include_tax=True)
EXCLUSIVE = PricingRules(prices_include_tax=False)
RATES = (0, 500, 2000, 2100, 700)


def test_tax_inclusive_cart() -> None:
    cart = Cart((item(1, price=1200, rate_bp=2000), item(2, price=105, quantity=2, rate_bp=500)))
    assert price_cart(cart, INCLUSIVE) == CartTotals(
        lines=(LineTotal(1200, 0, 1200, 200), LineTotal(210, 0, 210, 10)),
        subtotal_minor=1410,
        discount_minor=0,
        tax_minor=210,
        total_minor=1410,
        taxes=(TaxLine(500, 200, 10, 210), TaxLine(2000, 1000, 200, 1200)),
    )


def test_tax_exclusive_cart_adds_the_tax() -> None:
    cart = Cart((item(1, price=1000, rate_bp=2000), item(2, price=999, rate_bp=0)))
    totals = price_cart(cart, EXCLUSIVE)
    assert totals.total_minor == 1000 + 999 + 200
    assert totals.taxes == (TaxLine(0, 999, 0, 999), TaxLine(2000, 1000, 200, 1200))


def test_each_line_is_taxed_and_rounded_on_its_own() -> None:
    # Two lines of 0.03 at 20 % incl.: 0.5p each, rounded up per line to 1p, so 2p in all
    # (the total 0.06 taxed at once would give 1p).
    cart = Cart((item(1, price=3), item(2, price=3)))
    assert price_cart(cart, INCLUSIVE).tax_minor == 2


def test_sale_discount_is_shared_in_proportion_and_taxed_after() -> None:
    cart = Cart((item(1, price=3000, rate_bp=2000), item(2, price=1000, rate_bp=0)))
    cart = cart.discount_sale(Discount("amount", 10), NO_LIMIT)  # 7.5 and 2.5: tie to line 1
    totals = price_cart(cart, INCLUSIVE)
    assert [line.sale_discount_minor for line in totals.lines] == [8, 2]
    assert [line.total_minor for line in totals.lines] == [2992, 998]
    assert totals.lines[0].tax_minor == tax_of(2992, 2000, prices_include_tax=True)
    assert (totals.discount_minor, totals.total_minor) == (10, 3990)


def test_line_discount_and_sale_discount_add_up_on_the_line() -> None:
    cart = Cart((item(1, price=1000), item(2, price=1000)))
    cart = cart.discount_line(0, Discount("percent", 5000), NO_LIMIT)
    cart = cart.discount_sale(Discount("percent", 1000), NO_LIMIT)  # 10 % of 15.00 = 1.50
    totals = price_cart(cart, INCLUSIVE)
    assert [line.discount_minor for line in totals.lines] == [550, 100]
    assert totals.total_minor == 1350


def test_an_empty_cart_costs_nothing() -> None:
    assert price_cart(Cart(), EXCLUSIVE) == CartTotals((), 0, 0, 0, 0, ())


@pytest.mark.parametrize(
    ("amount", "step", "rounded"),
    [
        (1002, 5, 1000),
        (1003, 5, 1005),
        (1005, 10, 1010),
        (1004, 10, 1000),
        (1234, 1, 1234),
        (0, 5, 0),
        (-1003, 5, -1005),
    ],
)
def test_cash_round_to_the_nearest_step_halves_up(amount: int, step: int, rounded: int) -> None:
    assert cash_round(amount, step) == rounded


def test_cash_rounding_step_must_be_at_least_one() -> None:
    with pytest.raises(ValueError, match="1 or more minor units"):
        cash_round(100, 0)
    with pytest.raises(ValueError, match="1 or more minor units"):
        PricingRules(cash_rounding_minor=0)


def discounts(base: int) -> st.SearchStrategy[Discount | None]:
    """A discount that fits `base`, or none."""
    return st.one_of(
        st.none(),
        st.integers(0, 10000).map(lambda value: Discount("percent", value)),
        st.integers(0, base).map(lambda value: Discount("amount", value)),
    )


@st.composite
def carts(draw: st.DrawFn) -> Cart:
    cart = Cart()
    for number in range(draw(st.integers(1, 20))):
        price, rate = draw(st.integers(0, 1_000_000)), draw(st.sampled_from(RATES))
        if draw(st.booleans()):
            line = item(None, price=price, quantity=draw(st.integers(1, 50)), rate_bp=rate)
        else:
            line = CartLine(None, "2x", f"weighed {number}", 0, 1, rate, line_price_minor=price)
        cart = cart.add(line)
        discount = draw(discounts(line.gross_minor))
        if discount is not None:
            cart = cart.discount_line(len(cart.lines) - 1, discount, NO_LIMIT)
    return cart.discount_sale(draw(discounts(cart.discounted_subtotal_minor)), NO_LIMIT)


@settings(deadline=None)
@given(carts(), st.booleans())
def test_totals_always_agree_with_their_lines(cart: Cart, inclusive: bool) -> None:
    totals = price_cart(cart, PricingRules(prices_include_tax=inclusive))
    lines_total = sum(line.total_minor for line in totals.lines)
    line_taxes = sum(line.tax_minor for line in totals.lines)

    assert totals.total_minor == lines_total + (0 if inclusive else totals.tax_minor)
    assert sum(tax.tax_minor for tax in totals.taxes) == totals.tax_minor == line_taxes
    assert totals.subtotal_minor - totals.discount_minor == lines_total

    base = cart.discounted_subtotal_minor
    sale_discount = cart.sale_discount.amount_off(base) if cart.sale_discount else 0
    shares = [line.sale_discount_minor for line in totals.lines]
    assert sum(shares) == sale_discount
    for line, total in zip(cart.lines, totals.lines, strict=True):
        exact_share = Fraction(sale_discount * line.discounted_minor, max(base, 1))
        assert abs(total.sale_discount_minor - exact_share) < 1
        assert total.total_minor >= 0
        assert total.tax_minor == tax_of(
            total.total_minor, line.tax_rate_bp, prices_include_tax=inclusive
        )

    for tax in totals.taxes:
        at_rate = [
            total.total_minor
            for line, total in zip(cart.lines, totals.lines, strict=True)
            if line.tax_rate_bp == tax.rate_bp
        ]
        assert tax.net_minor + tax.tax_minor == tax.gross_minor
        assert (tax.gross_minor if inclusive else tax.net_minor) == sum(at_rate)
    assert [tax.rate_bp for tax in totals.taxes] == sorted(
        {line.tax_rate_bp for line in cart.lines}
    )
