"""What a receipt needs besides the sale's own rows: who sold, to whom, on which till.

Never commits: reads only.
"""

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from pos.db.models import Customer, Register, Sale, Setting, Shop, User

RECEIPT_QR_SETTING = "receipt.qr_url"
"""Setting: a link printed as a QR code on receipts; `{receipt}` becomes the number."""


@dataclass(frozen=True, slots=True)
class SaleParties:
    sale: Sale
    register_name: str
    register_code: str
    cashier_name: str
    customer_name: str | None
    """None when there is no customer, or their data was erased."""
    original_receipt_number: str | None
    """On a return: the receipt number of the sale it refunds."""


class ReceiptRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def shop(self) -> Shop | None:
        return self.session.get(Shop, 1)

    def qr_template(self) -> str | None:
        setting = self.session.get(Setting, RECEIPT_QR_SETTING)
        return setting.value if setting is not None and setting.value.strip() else None

    def parties(self, sale_id: int) -> SaleParties | None:
        original = aliased(Sale)
        row = self.session.execute(
            select(Sale, Register.name, Register.code, User.name, Customer.name,
                   Customer.erased_at, original.receipt_number)
            .join(Register, Register.id == Sale.register_id)
            .join(User, User.id == Sale.cashier_id)
            .outerjoin(Customer, Customer.id == Sale.customer_id)
            .outerjoin(original, original.id == Sale.original_sale_id)
            .where(Sale.id == sale_id)
        ).one_or_none()
        if row is None:
            return None
        sale, register_name, register_code, cashier, customer, erased_at, original_number = row
        return SaleParties(
            sale, register_name, register_code, cashier,
            customer if erased_at is None else None, original_number,
        )

    def last_sale_id(self, register_code: str) -> int | None:
        """The newest sale or return of the till `register_code`."""
        return self.session.scalar(
            select(Sale.id)
            .join(Register, Register.id == Sale.register_id)
            .where(Register.code == register_code)
            .order_by(Sale.receipt_seq.desc())
            .limit(1)
        )

    def sale_id_by_receipt(self, receipt_number: str) -> int | None:
        """The sale or return printed with this receipt number (any till)."""
        return self.session.scalar(
            select(Sale.id).where(Sale.receipt_number == receipt_number).limit(1)
        )
