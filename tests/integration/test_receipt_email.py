"""E-mailed receipts through a real SMTP server (aiosmtpd) on 127.0.0.1, both backends."""

import io
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from pos.db.database import Database
from pos.domain.cart import Cart, CartLine
from pos.domain.errors import EnvironmentProblemError, UserError
from pos.domain.tender import Tender
from pos.printing.receipt_mail import parse_smtp_url
from pos.services.receipt_email import ReceiptEmailService
from tests.factories import TillFixture, add_product
from tests.fake_printer import closed_port
from tests.print_setup import mixed_sale, print_settings, shop_till
from tests.smtp_inbox import REFUSED, Inbox


@pytest.fixture
def till(database: Database) -> TillFixture:
    return shop_till(database)


def mail_service(till: TillFixture, tmp_path: Path, smtp_url: str | None) -> ReceiptEmailService:
    settings = replace(print_settings(tmp_path, "none"), smtp_url=smtp_url)
    return ReceiptEmailService(till.database, settings)


def test_a_receipt_by_e_mail_has_html_text_and_the_pdf(
    till: TillFixture, tmp_path: Path, inbox: tuple[Inbox, int]
) -> None:
    handler, port = inbox
    sale = mixed_sale(till)
    service = mail_service(till, tmp_path, f"smtp://127.0.0.1:{port}?from=shop@example.com")
    assert service.email_receipt(sale.id, " zoe@example.com ") == "zoe@example.com"
    (message,) = handler.messages
    assert handler.senders == ["shop@example.com"]
    assert message["Subject"] == "Receipt R1-000001 from Café Zoë"
    assert message["To"] == "zoe@example.com"
    body = message.get_body(("plain",))
    html = message.get_body(("html",))
    assert body is not None
    assert html is not None
    assert "TOTAL" in body.get_content()
    assert "£10.60" in body.get_content()
    assert "Dear Zoë Müller," in html.get_content()
    assert "£10.60" in html.get_content()
    (attachment,) = list(message.iter_attachments())
    assert attachment.get_filename() == "receipt-R1-000001.pdf"
    pdf = PdfReader(io.BytesIO(attachment.get_content()))
    text = pdf.pages[0].extract_text()
    assert "R1-000001" in text
    assert "£10.60" in text


def test_names_are_escaped_in_the_html(
    till: TillFixture, tmp_path: Path, inbox: tuple[Inbox, int]
) -> None:
    handler, port = inbox
    mug = add_product(till.database, "X1", "Mug <script>alert(1)</script> & co", 300)
    sale = till.sell(Cart((CartLine(mug, "X1", "Mug <script>alert(1)</script> & co", 300, 1,
                                    2000),)), Tender("cash", 300))
    mail_service(till, tmp_path, f"smtp://127.0.0.1:{port}").email_receipt(sale.id, "a@b.org")
    html = handler.messages[0].get_body(("html",))
    assert html is not None
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html.get_content()
    assert "<script>" not in html.get_content()
    assert handler.senders == ["receipts@127.0.0.1"]


def test_a_gift_receipt_by_e_mail_has_no_prices(
    till: TillFixture, tmp_path: Path, inbox: tuple[Inbox, int]
) -> None:
    handler, port = inbox
    sale = mixed_sale(till)
    mail_service(till, tmp_path, f"smtp://127.0.0.1:{port}").email_receipt(
        sale.id, "friend@example.com", gift=True)
    (message,) = handler.messages
    assert message["Subject"].startswith("Gift receipt R1-000001")
    body = message.get_body(("plain",))
    assert body is not None
    assert "Cat Mug" in body.get_content()
    assert "10.60" not in body.get_content()


def test_mail_problems_are_clear(
    till: TillFixture, tmp_path: Path, inbox: tuple[Inbox, int]
) -> None:
    _, port = inbox
    sale = mixed_sale(till)
    with pytest.raises(UserError, match=r"refused the address nobody@example\.com"):
        mail_service(till, tmp_path, f"smtp://127.0.0.1:{port}").email_receipt(sale.id, REFUSED)
    with pytest.raises(UserError, match="is not an e-mail address"):
        mail_service(till, tmp_path, f"smtp://127.0.0.1:{port}").email_receipt(sale.id, "zoe@")
    with pytest.raises(EnvironmentProblemError, match="receipt e-mail was not sent"):
        mail_service(till, tmp_path, f"smtp://127.0.0.1:{closed_port()}").email_receipt(
            sale.id, "zoe@example.com")
    with pytest.raises(UserError, match="e-mailed receipts are off"):
        mail_service(till, tmp_path, None).email_receipt(sale.id, "zoe@example.com")


def test_the_pdf_of_a_receipt(till: TillFixture, tmp_path: Path) -> None:
    pdf = mail_service(till, tmp_path, None).receipt_pdf(mixed_sale(till).id)
    page = PdfReader(io.BytesIO(pdf)).pages[0]
    assert float(page.mediabox.width) == pytest.approx(80 / 25.4 * 72)
    assert "Zoë Müller" in page.extract_text()


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("smtp://mail.example.com",
         ("mail.example.com", 25, "", False, "receipts@mail.example.com")),
        ("smtps://shop%40example.com:p%40ss@mail.example.com",
         ("mail.example.com", 465, "shop@example.com", True, "shop@example.com")),
        ("smtp://u:p@10.0.0.2:2525?from=till@shop.example&starttls=off",
         ("10.0.0.2", 2525, "u", False, "till@shop.example")),
    ],
)
def test_smtp_urls(url: str, expected: tuple[object, ...]) -> None:
    server = parse_smtp_url(url)
    assert (server.host, server.port, server.username, server.implicit_tls,
            server.sender) == expected


@pytest.mark.parametrize("url", ["http://mail.example.com", "smtp://", "smtp://host:port"])
def test_bad_smtp_urls(url: str) -> None:
    with pytest.raises(UserError, match="POS_SMTP_URL must look like"):
        parse_smtp_url(url)
