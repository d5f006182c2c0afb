"""Quotations on SQLite and PostgreSQL: numbered, followed up the next working day,
converted to a sale in one step, expired but never deleted, printed as a PDF."""

from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from pos.db.models import FollowUp, Product, Quotation, QuotationLine
from pos.domain.cart import Cart, Discount
from pos.domain.errors import NotFoundError, UserError
from pos.domain.followups import WhyLine
from pos.domain.pricing import price_cart
from pos.domain.tender import Tender
from pos.services.followups import FollowUpService
from pos.services.quotations import QuotationService
from tests.factories import (
    ManualClock,
    TillFixture,
    add_customer,
    fixed_clock,
    mark_customer_erased,
    pdf_text,
    row_counts,
    sell_at,
    sign_in_cashier,
)

FRIDAY_AFTERNOON = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
MONDAY = date(2026, 11, 30)


@pytest.fixture
def zoe(till: TillFixture) -> int:
    return add_customer(till.database, "Zoë Brontë")


@pytest.fixture
def quotes(till: TillFixture) -> QuotationService:
    return QuotationService(till.database, "1", fixed_clock)


def set_mug_price(till: TillFixture, price_minor: int) -> None:
    with till.database.writer() as uow:
        mug = uow.session.get(Product, till.mug_id)
        assert mug is not None
        mug.price_minor = price_minor
        uow.commit()


def test_quotation_is_followed_up_next_working_day_and_becomes_a_sale(
    till: TillFixture, zoe: int
) -> None:
    clock = ManualClock(FRIDAY_AFTERNOON)
    quotes = QuotationService(till.database, "1", clock)
    followups = FollowUpService(till.database, clock)
    cart = Cart((till.mugs(2), till.card()), sale_discount=Discount("amount", 50))

    quotation = quotes.create(cart, zoe, till.cashier_id, valid_days=14)

    totals = price_cart(cart, till.checkout.pricing_rules())
    assert (quotation.number, quotation.status, quotation.valid_until) == (
        "Q1-000001", "open", date(2026, 12, 11))
    assert (quotation.total_minor, quotation.tax_minor, quotation.discount_minor) == (
        totals.total_minor, totals.tax_minor, 50)
    assert [line.name for line in quotation.lines] == ["Cat Mug", "Birthday Card"]
    (follow_up_id,) = quotation.follow_up_ids
    assert followups.queue(date(2026, 11, 27)) == ()

    clock.advance(days=3)
    (item,) = followups.queue(MONDAY)
    assert (item.id, item.quotation_number, item.why) == (follow_up_id, "Q1-000001",
                                                          "Quotation Q1-000001")
    assert (item.customer_name, item.source, item.kind) == ("Zoë Brontë", "quotation", "call")
    assert item.why_lines == (WhyLine("Cat Mug", 2, totals.lines[0].total_minor),
                              WhyLine("Birthday Card", 1, totals.lines[1].total_minor))

    converted = quotes.convert_to_cart(quotation.id)
    # The cart names the quotation it came from, so the sale made of it converts it.
    assert (converted.cart, converted.customer_id) == (replace(cart, quotation_id=quotation.id),
                                                       zoe)
    assert (converted.expired, converted.warning, converted.quoted_prices) == (False, "", True)
    sale = sell_at(till.database, clock, till.cashier_id, converted.cart,
                   Tender("card", totals.total_minor, "AUTH42"), customer_id=converted.customer_id)
    assert sale.total_minor == quotation.total_minor
    assert sale.quotation_id == quotation.id

    marked = quotes.mark_converted(quotation.id, sale.id)

    assert (marked.status, marked.converted_sale_id, marked.expired) == ("converted", sale.id,
                                                                         False)
    done = followups.get(follow_up_id)
    assert (done.status, done.outcome, done.sale_id) == ("done", "new_sale", sale.id)
    assert followups.queue(MONDAY, include_future=True) == ()
    assert quotes.mark_converted(quotation.id, sale.id) == marked
    already = f"Q1-000001 was already converted to {sale.receipt_number}"
    with pytest.raises(UserError, match=already):
        quotes.convert_to_cart(quotation.id)


def test_numbers_are_gapless_per_register(
    till: TillFixture, zoe: int, quotes: QuotationService
) -> None:
    cart = Cart((till.mugs(),))
    assert quotes.create(cart, zoe, till.cashier_id).number == "Q1-000001"
    erased = add_customer(till.database, "Gone")
    mark_customer_erased(till.database, erased)
    with pytest.raises(UserError, match="erased"):
        quotes.create(cart, erased, till.cashier_id)
    assert quotes.create(cart, None, till.cashier_id).number == "Q1-000002"
    sign_in_cashier(till.database, "2")
    assert QuotationService(till.database, "2", fixed_clock).create(
        cart, zoe, till.cashier_id).number == "Q2-000001"
    assert quotes.create(cart, zoe, till.cashier_id).number == "Q1-000003"
    assert till.sell(cart, Tender("cash", 5_00)).receipt_number == "R1-000001"


def test_a_quotation_without_a_customer_has_no_one_to_call(
    till: TillFixture, quotes: QuotationService
) -> None:
    assert quotes.create(Cart((till.mugs(),)), None, till.cashier_id).follow_up_ids == ()
    assert row_counts(till.database, FollowUp) == {"follow_up": 0}


def test_expired_quotations_are_marked_kept_and_convert_with_a_warning(
    till: TillFixture, zoe: int, quotes: QuotationService
) -> None:
    quotation = quotes.create(Cart((till.mugs(2),)), zoe, till.cashier_id, valid_days=7)
    assert quotation.valid_until == date(2026, 12, 1)
    assert quotes.expire_due(date(2026, 12, 1)) == 0
    assert quotes.expire_due(date(2026, 12, 2)) == 1
    assert quotes.expire_due(date(2026, 12, 2)) == 0
    later = QuotationService(till.database, "1", ManualClock(datetime(2026, 12, 5, tzinfo=UTC)))
    expired = later.get(quotation.id)
    assert (expired.status, expired.expired) == ("expired", True)
    set_mug_price(till, 5_00)

    quoted = later.convert_to_cart(quotation.id)
    current = later.convert_to_cart(quotation.id, use_quoted_prices=False)

    assert quoted.expired
    assert current.expired
    assert quoted.warning == ("quotation Q1-000001 expired after 2026-12-01; "
                              "the sale uses the quoted prices")
    assert current.warning.endswith("the sale uses today's prices")
    assert [line.unit_price_minor for line in quoted.cart.lines] == [4_50]
    assert [line.unit_price_minor for line in current.cart.lines] == [5_00]
    sale = till.sell(current.cart, Tender("cash", 10_00), customer_id=zoe)
    assert later.mark_converted(quotation.id, sale.id).status == "converted"
    assert row_counts(till.database, Quotation, QuotationLine) == {
        "quotation": 1, "quotation_line": 1}


def test_a_quotation_past_its_day_counts_as_expired_before_it_is_marked(
    till: TillFixture, zoe: int, quotes: QuotationService
) -> None:
    quotation = quotes.create(Cart((till.mugs(),)), zoe, till.cashier_id, valid_days=1)
    later = QuotationService(till.database, "1", ManualClock(datetime(2026, 11, 26, tzinfo=UTC)))
    converted = later.convert_to_cart(quotation.id)
    assert converted.expired
    assert later.get(quotation.id).status == "open"


def test_the_pdf_names_the_quotation_customer_items_and_validity(
    till: TillFixture, zoe: int, quotes: QuotationService, tmp_path: Path
) -> None:
    quotation = quotes.create(Cart((till.mugs(2), till.card())), zoe, till.cashier_id)
    target = tmp_path / "Q1-000001.pdf"

    assert quotes.pdf(quotation.id, target) == target

    text = pdf_text(target)
    for expected in ("Quotation Q1-000001", "Zoë Brontë", "Cat Mug", "Birthday Card", "£11.50",
                     "valid until 24 Dec 2026", "Prepared by Alex"):
        assert expected in text, expected
    with pytest.raises(UserError, match="cannot write"):
        quotes.pdf(quotation.id, tmp_path / "missing" / "q.pdf")


def test_bad_quotations_are_refused(
    till: TillFixture, zoe: int, quotes: QuotationService
) -> None:
    with pytest.raises(UserError, match="no items"):
        quotes.create(Cart(), zoe, till.cashier_id)
    with pytest.raises(UserError, match="valid for 1 to 365 days"):
        quotes.create(Cart((till.mugs(),)), zoe, till.cashier_id, valid_days=0)
    with pytest.raises(NotFoundError, match="no customer 999"):
        quotes.create(Cart((till.mugs(),)), 999, till.cashier_id)
    with pytest.raises(NotFoundError, match="no quotation 999"):
        quotes.convert_to_cart(999)
    quotation = quotes.create(Cart((till.mugs(),)), zoe, till.cashier_id)
    with pytest.raises(NotFoundError, match="no sale 999"):
        quotes.mark_converted(quotation.id, 999)
    sale = till.sell(Cart((till.mugs(),)), Tender("cash", 5_00))
    returned = till.give_back({1: 1}, receipt_number=sale.receipt_number)
    with pytest.raises(NotFoundError, match=f"no sale {returned.id}"):
        quotes.mark_converted(quotation.id, returned.id)
    other = quotes.create(Cart((till.mugs(),)), zoe, till.cashier_id)
    quotes.mark_converted(other.id, sale.id)
    second = till.sell(Cart((till.mugs(),)), Tender("cash", 5_00))
    with pytest.raises(UserError, match="already converted"):
        quotes.mark_converted(other.id, second.id)
    assert row_counts(till.database, Quotation) == {"quotation": 2}


def test_the_till_finds_a_quotation_by_number_and_offers_the_customers_open_ones(
    till: TillFixture, zoe: int, quotes: QuotationService, tmp_path: Path
) -> None:
    first = quotes.create(Cart((till.mugs(),)), zoe, till.cashier_id, valid_days=1)
    second = quotes.create(Cart((till.mugs(2),)), zoe, till.cashier_id)
    sold = quotes.create(Cart((till.card(),)), zoe, till.cashier_id)
    quotes.mark_converted(sold.id, till.sell(Cart((till.card(),)), Tender("cash", 2_50)).id)
    quotes.create(Cart((till.card(),)), None, till.cashier_id)

    assert quotes.find(" q1-000002 ") == second
    with pytest.raises(NotFoundError, match="no quotation Q1-000099"):
        quotes.find("Q1-000099")
    with pytest.raises(UserError, match="type the quotation's number"):
        quotes.find("  ")
    later = QuotationService(till.database, "1", ManualClock(datetime(2026, 11, 26, tzinfo=UTC)))
    offered = later.not_converted_of(zoe)
    assert [(q.number, q.expired, q.total_minor) for q in offered] == [
        ("Q1-000002", False, 9_00), ("Q1-000001", True, 4_50)]
    assert first.id == offered[1].id

    written = quotes.save_pdf(second.id, tmp_path / "quotations")
    assert written == tmp_path / "quotations" / "Q1-000002.pdf"
    assert "Quotation Q1-000002" in pdf_text(written)
