"""What a receipt says, row by row, whatever it is printed on."""

from pos.domain.receipt_layout import (
    COPY_MARK,
    GIFT_MARK,
    REFUND_MARK,
    BarcodeRow,
    QrRow,
    RuleRow,
    TextRow,
    receipt_rows,
)
from pos.domain.receipt_model import Currency, ReceiptLine, ReceiptPayment
from pos.domain.tax import TaxLine
from tests.receipt_samples import sample_receipt


def texts(rows: tuple[object, ...]) -> list[tuple[str, str]]:
    return [(row.left, row.right) for row in rows if isinstance(row, TextRow)]


def test_a_sale_shows_lines_discounts_totals_payments_and_taxes() -> None:
    shown = texts(receipt_rows(sample_receipt()))
    for row in [
        ("Crème brûlée pot", "5.00"), ("2 x 2.50", ""), ("Discount", "-0.50"),
        ("Subtotal", "25.49"), ("Discount", "-0.50"), ("TOTAL", "£24.99"),
        ("Card A1B2C3", "£10.00"), ("Cash", "£20.00"), ("Change", "£5.01"),
        ("VAT 5 % incl. in 4.50", "0.21"), ("VAT 20 % incl. in 20.49", "3.42"),
        ("Customer: Zoë Müller-Lüdenscheidt", ""), ("Receipt R1-000042", "24/11/2026, 10:30"),
    ]:
        assert row in shown


def test_the_receipt_ends_with_its_barcode_then_the_qr_code() -> None:
    rows = receipt_rows(sample_receipt(qr_payload="https://example.com/f?r=R1-000042"))
    assert rows[-2:] == (BarcodeRow("R1-000042"), QrRow("https://example.com/f?r=R1-000042"))
    assert not any(isinstance(row, QrRow) for row in receipt_rows(sample_receipt()))


def test_a_gift_receipt_has_no_prices_and_no_customer() -> None:
    rows = receipt_rows(sample_receipt(gift=True))
    shown = texts(rows)
    assert (GIFT_MARK, "") in shown
    assert ("Crème brûlée pot", "x2") in shown
    everything = " ".join(f"{left} {right}" for left, right in shown)
    for price in ("5.00", "12.99", "£24.99", "VAT 20", "A1B2C3", "Change", "Zoë Müller"):
        assert price not in everything
    assert BarcodeRow("R1-000042") in rows


def test_a_copy_is_marked_at_both_ends() -> None:
    rows = receipt_rows(sample_receipt().as_copy())
    assert rows[0] == TextRow(COPY_MARK, centred=True, emphasis="bold")
    assert rows[-1] == TextRow(COPY_MARK, centred=True, emphasis="bold")
    assert COPY_MARK not in str(receipt_rows(sample_receipt()))


def test_a_refund_names_the_sale_and_shows_negative_amounts() -> None:
    refund = sample_receipt(
        kind="return", original_receipt_number="R1-000041",
        lines=(ReceiptLine("Cat mug", -1, 450, -450, 0, -450, 2000),),
        subtotal_minor=-450, discount_minor=0, tax_minor=-75, total_minor=-450,
        taxes=(TaxLine(2000, -375, -75, -450),),
        payments=(ReceiptPayment("Refund to cash", -450),), change_minor=0,
    )
    shown = texts(receipt_rows(refund))
    assert (REFUND_MARK, "") in shown
    assert ("Refund of receipt R1-000041", "") in shown
    assert ("Cat mug", "-4.50") in shown
    assert ("-1 x 4.50", "") in shown
    assert ("TOTAL", "-£4.50") in shown
    assert ("Refund to cash", "-£4.50") in shown


def test_prices_before_tax_show_the_tax_added() -> None:
    receipt = sample_receipt(
        tax_added=True, lines=(ReceiptLine("Mug", 1, 1000, 1000, 0, 1000, 2000),),
        subtotal_minor=1000, discount_minor=0, tax_minor=200, total_minor=1200,
        taxes=(TaxLine(2000, 1000, 200, 1200),),
    )
    shown = texts(receipt_rows(receipt))
    assert ("Subtotal", "10.00") in shown
    assert ("VAT", "2.00") in shown
    assert ("TOTAL", "£12.00") in shown
    assert ("VAT 20 % on 10.00", "2.00") in shown


def test_a_weighed_line_shows_its_weight_and_price_per_kilo() -> None:
    receipt = sample_receipt(lines=(ReceiptLine("Cheddar", 1, 1200, 540, 0, 540, 0, 450),))
    assert ("0.450 kg @ 12.00/kg", "") in texts(receipt_rows(receipt))


def test_amounts_follow_the_currency_exponent() -> None:
    yen = Currency("JPY", "¥", 0)
    assert yen.money(-1500) == "-¥1500"
    assert Currency("EUR", "€").money(123456) == "€1234.56"
    assert Currency("BHD", "BD", 3).amount(1005) == "1.005"


def test_the_shop_header_comes_first_with_every_address_line() -> None:
    rows = receipt_rows(sample_receipt())
    assert rows[:4] == (
        TextRow("Café Zoë", centred=True, emphasis="title"),
        TextRow("12 Rue de la Paix", centred=True),
        TextRow("London W1 2AB", centred=True),
        TextRow("VAT GB123456789", centred=True),
    )
    assert isinstance(rows[4], RuleRow)
