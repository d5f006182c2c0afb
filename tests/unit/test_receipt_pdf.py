"""The receipt as a receipt-sized PDF: same rows as the paper, read back with pypdf."""

import io

import pytest
from pypdf import PdfReader

from pos.domain.receipt_model import ReceiptLine
from pos.reports.receipt_pdf import PAGE_WIDTH, render_receipt_pdf
from tests.receipt_samples import sample_receipt


def pdf_text(data: bytes) -> tuple[str, float, float]:
    (page,) = PdfReader(io.BytesIO(data)).pages
    return page.extract_text(), float(page.mediabox.width), float(page.mediabox.height)


def test_a_receipt_pdf_is_80_mm_wide_and_shows_everything() -> None:
    text, width, _ = pdf_text(render_receipt_pdf(sample_receipt(qr_payload="https://e.x/1")))
    assert width == pytest.approx(PAGE_WIDTH)
    for shown in ("Café Zoë", "Crème brûlée pot", "Ñandú feather duster", "€ and £",
                  "TOTAL", "£24.99", "Change", "£5.01", "VAT 20 % incl. in 20.49",
                  "Customer: Zoë Müller-Lüdenscheidt", "R1-000042"):
        assert shown in text


def test_a_gift_receipt_pdf_has_no_prices() -> None:
    text, _, _ = pdf_text(render_receipt_pdf(sample_receipt().as_gift()))
    assert "GIFT RECEIPT" in text
    assert "Crème brûlée pot" in text
    for price in ("5.00", "£24.99", "VAT 20", "Change", "Zoë Müller"):
        assert price not in text


def test_the_page_grows_with_the_receipt_and_emoji_are_left_out() -> None:
    short = pdf_text(render_receipt_pdf(sample_receipt()))[2]
    many = tuple(ReceiptLine(f"Item {n} \N{WRAPPED PRESENT} with a rather long description "
                             "that wraps", 1, 100, 100, 0, 100, 2000) for n in range(30))
    text, _, height = pdf_text(render_receipt_pdf(sample_receipt(lines=many)))
    assert height > short * 2
    assert "Item 29" in text
    assert "\N{WRAPPED PRESENT}" not in text
    assert "?" not in text


def test_a_copy_pdf_is_marked() -> None:
    text, _, _ = pdf_text(render_receipt_pdf(sample_receipt().as_copy()))
    assert text.count("*** COPY ***") == 2
