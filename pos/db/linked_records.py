"""The records promises, complaints and ratings point at, looked up to check a link
before it is written (so a wrong id gets a message, not a foreign-key error)."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.db.models import Customer, Product, Sale, SaleLine, User


class LinkedRecords:
    def __init__(self, session: Session) -> None:
        self.session = session

    def customer(self, customer_id: int) -> Customer | None:
        return self.session.get(Customer, customer_id)

    def user(self, user_id: int) -> User | None:
        return self.session.get(User, user_id)

    def product(self, product_id: int) -> Product | None:
        return self.session.get(Product, product_id)

    def sale(self, sale_id: int) -> Sale | None:
        return self.session.get(Sale, sale_id)

    def sale_by_receipt(self, receipt_number: str) -> Sale | None:
        return self.session.scalars(
            select(Sale).where(Sale.receipt_number == receipt_number)
        ).one_or_none()

    def has_line(self, sale_id: int, line_no: int) -> bool:
        return self.session.scalar(
            select(SaleLine.id).where(SaleLine.sale_id == sale_id, SaleLine.line_no == line_no)
        ) is not None
