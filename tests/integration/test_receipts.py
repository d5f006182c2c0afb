"""The receipt of a committed sale or return, read from the database on both backends."""

import pytest

from pos.db.database import Database
from pos.domain.errors import NotFoundError
from pos.domain.receipt_model import ReceiptPayment
from pos.services.receipts import ReceiptService
from tests.factories import TillFixture, mark_customer_erased
from tests.print_setup import describe_shop, mixed_sale


@pytest.fixture
def till(database: Database) -> TillFixture:
    till = TillFixture.open(database)
    describe_shop(database, qr_url="https://example.com/feedback?r={receipt}")
    return till


def test_receipt_of_a_sale_as_stored(till: TillFixture) -> None:
    sale = mixed_sale(till)
    receipt = ReceiptService(till.database).for_sale(sale.id)
    assert (receipt.shop.name, receipt.shop.vat_number) == ("Café Zoë", "GB123456789")
    assert (receipt.register, receipt.cashier) == ("Till 1", "Alex")
    assert receipt.customer_name == "Zoë Müller"
    assert receipt.receipt_number == sale.receipt_number == "R1-000001"
    assert receipt.issued_at == "24/11/2026, 10:30"  # London is on GMT in November
    assert receipt.currency.money(receipt.total_minor) == "£10.60"
    assert [(line.name, line.quantity, line.gross_minor, line.discount_minor)
            for line in receipt.lines] == [("Cat Mug", 2, 900, 90), ("Birthday Card", 1, 250, 0)]
    assert receipt.payments == (ReceiptPayment("Card", 500, "A1B2"), ReceiptPayment("Cash", 1000))
    assert receipt.change_minor == 440
    assert [(tax.rate_bp, tax.tax_minor, tax.gross_minor) for tax in receipt.taxes] == [
        (0, 0, 250), (2000, 135, 810)]
    assert not receipt.tax_added
    assert receipt.thank_you == "Thank you for shopping with us, welcome again"
    assert receipt.qr_payload == "https://example.com/feedback?r=R1-000001"
    assert (receipt.copy, receipt.gift) == (False, False)


def test_receipt_of_a_just_completed_sale_matches_the_stored_one(till: TillFixture) -> None:
    sale = mixed_sale(till)
    service = ReceiptService(till.database)
    assert service.for_completed(sale) == service.for_sale(sale.id)
    assert service.for_completed(sale, copy=True).copy


def test_receipt_of_a_refund_names_the_sale(till: TillFixture) -> None:
    mixed_sale(till)
    refund = till.give_back({1: 1})
    receipt = ReceiptService(till.database).for_sale(refund.id)
    assert receipt.kind == "return"
    assert receipt.original_receipt_number == "R1-000001"
    assert receipt.total_minor < 0
    assert receipt.lines[0].quantity == -1
    assert all(payment.label.startswith("Refund to") for payment in receipt.payments)


def test_an_erased_customer_is_not_named(till: TillFixture) -> None:
    sale = mixed_sale(till)
    assert sale.customer_id is not None
    mark_customer_erased(till.database, sale.customer_id)
    assert ReceiptService(till.database).for_sale(sale.id).customer_name is None


def test_the_latest_sale_of_the_till(till: TillFixture) -> None:
    service = ReceiptService(till.database)
    assert service.last_sale_id("1") is None
    first, second = mixed_sale(till), mixed_sale(till, customer=None)
    assert service.last_sale_id("1") == second.id != first.id
    assert service.last_sale_id("2") is None


def test_an_unknown_sale(till: TillFixture) -> None:
    with pytest.raises(NotFoundError, match="no sale has the id 999"):
        ReceiptService(till.database).for_sale(999)
