"""Repositories for the shop, its people and shifts. They never commit: services do."""

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos.db.models import Customer, Product, Register, Sale, SaleLine, Shift, Shop, User


class ShopRepository:
    """Reads and writes of the shop's identity, registers, users and shifts."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def shop(self) -> Shop | None:
        return self.session.get(Shop, 1)

    def add(self, row: object) -> None:
        self.session.add(row)
        self.session.flush()

    def register(self, code: str) -> Register | None:
        return self.session.scalars(select(Register).where(Register.code == code)).one_or_none()

    def active_users(self) -> list[User]:
        return list(
            self.session.scalars(select(User).where(User.active.is_(True)).order_by(User.name))
        )

    def user(self, user_id: int) -> User | None:
        return self.session.get(User, user_id)

    def open_shift(self, register_id: int) -> Shift | None:
        return self.session.scalars(
            select(Shift).where(Shift.register_id == register_id, Shift.closed_at.is_(None))
        ).one_or_none()

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables (cheap: used by `pos version` and the bench)."""
        return {
            "products": self._count(Product),
            "customers": self._count(Customer),
            "sales": self._count(Sale),
        }

    def data_counts(self) -> dict[str, int]:
        """Counts in the benchmark's terms (CONTRACTS.md)."""
        return {**self.counts(), "sale_lines": self._count(SaleLine)}

    def last_sale_at(self) -> datetime | None:
        return self.session.scalar(select(func.max(Sale.completed_at)))

    def _count(self, model: type[Product] | type[Customer] | type[Sale] | type[SaleLine]) -> int:
        return int(self.session.scalar(select(func.count()).select_from(model)) or 0)
