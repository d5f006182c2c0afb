"""A shift's money: documents, payments by tender and cash movements, summed per shift.

Never commits: the shift service owns the transaction.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos.db.models import CashMovement, Payment, Register, Sale, Shift, User


@dataclass(frozen=True, slots=True)
class Tally:
    """How many rows, and the sum of their amounts (minor units, signed as stored)."""

    count: int = 0
    total_minor: int = 0


@dataclass(frozen=True, slots=True)
class PaymentTally:
    """Payments of one tender method on documents of one kind ("sale" or "return")."""

    document_kind: str
    method: str
    total_minor: int


class ShiftRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def open_shift(self, register_code: str) -> Shift | None:
        """The open shift of the register with this code, if any."""
        return self.session.scalars(
            select(Shift)
            .join(Register, Register.id == Shift.register_id)
            .where(Register.code == register_code, Shift.closed_at.is_(None))
        ).one_or_none()

    def has_closed_shift(self, register_id: int) -> bool:
        return (
            self.session.scalar(
                select(Shift.id)
                .where(Shift.register_id == register_id, Shift.closed_at.is_not(None))
                .limit(1)
            )
            is not None
        )

    def user_name(self, user_id: int) -> str:
        return self.session.scalars(select(User.name).where(User.id == user_id)).one()

    def document_tallies(self, shift_id: int) -> dict[str, Tally]:
        """Sales and returns of the shift by kind: how many and their total."""
        rows = self.session.execute(
            select(Sale.kind, func.count(), func.sum(Sale.total_minor))
            .where(Sale.shift_id == shift_id)
            .group_by(Sale.kind)
        )
        return {kind: Tally(int(count), int(total)) for kind, count, total in rows}

    def payment_tallies(self, shift_id: int) -> list[PaymentTally]:
        """Payments on the shift's documents, summed by document kind and tender method."""
        rows = self.session.execute(
            select(Sale.kind, Payment.method, func.sum(Payment.amount_minor))
            .join(Sale, Sale.id == Payment.sale_id)
            .where(Sale.shift_id == shift_id)
            .group_by(Sale.kind, Payment.method)
            .order_by(Sale.kind, Payment.method)
        )
        return [PaymentTally(kind, method, int(total)) for kind, method, total in rows]

    def movement_tallies(self, shift_id: int) -> dict[str, Tally]:
        """Cash movements of the shift by kind ("in", "out", "no_sale")."""
        rows = self.session.execute(
            select(CashMovement.kind, func.count(), func.sum(CashMovement.amount_minor))
            .where(CashMovement.shift_id == shift_id)
            .group_by(CashMovement.kind)
        )
        return {kind: Tally(int(count), int(total)) for kind, count, total in rows}

    def add_all(self, rows: Iterable[object]) -> None:
        self.session.add_all(rows)
        self.session.flush()
