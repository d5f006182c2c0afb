"""Receipts for customers who want no paper: the PDF, and the e-mail that carries it."""

from dataclasses import replace

from pos.config import Settings
from pos.db.database import Database
from pos.domain.errors import UserError
from pos.domain.receipt_model import Receipt
from pos.printing.receipt_mail import checked_address, send_receipt_email
from pos.reports.receipt_pdf import render_receipt_pdf
from pos.services.messages import MessageService
from pos.services.receipts import ReceiptService


class ReceiptEmailService:
    def __init__(self, database: Database, settings: Settings) -> None:
        self._receipts = ReceiptService(database)
        self._messages = MessageService(database)
        self._smtp_url = settings.smtp_url

    @property
    def enabled(self) -> bool:
        return self._smtp_url is not None

    def receipt_pdf(self, sale_id: int, *, gift: bool = False) -> bytes:
        """The sale's receipt as a receipt-sized PDF (a gift receipt has no prices)."""
        return render_receipt_pdf(self._receipt(sale_id, gift=gift))

    def email_receipt(self, sale_id: int, to: str, *, gift: bool = False) -> str:
        """E-mail the sale's receipt (HTML, with the PDF attached) to `to`; the address."""
        if self._smtp_url is None:
            raise UserError("e-mailed receipts are off; set POS_SMTP_URL to the shop's mail server")
        address = checked_address(to)
        receipt = self._receipt(sale_id, gift=gift)
        send_receipt_email(self._smtp_url, address, receipt, render_receipt_pdf(receipt))
        return address

    def _receipt(self, sale_id: int, *, gift: bool) -> Receipt:
        """The receipt with the customer's personal thank-you, as the till showed and
        printed it (a gift receipt keeps the shop's: it is for someone else)."""
        receipt = self._receipts.for_sale(sale_id, gift=gift)
        thank_you = None if gift else self._messages.thank_you_for_sale(sale_id)
        return replace(receipt, thank_you=thank_you) if thank_you else receipt
