"""What checkout needs beyond the sale itself: parked carts, cash movements, cash-up
counts, vouchers/store credit and the record of voided lines."""

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pos.db.base import Base, UtcDateTime


class ParkedSale(Base):
    """A cart put aside (JSON of the domain cart), resumed later on any till."""

    __tablename__ = "parked_sale"

    id: Mapped[int] = mapped_column(primary_key=True)
    register_id: Mapped[int] = mapped_column(ForeignKey("register.id"), index=True)
    cashier_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"))
    label: Mapped[str] = mapped_column(String(120), default="")
    total_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    cart_json: Mapped[str] = mapped_column(Text)
    parked_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CashMovement(Base):
    """Cash put into or taken out of the drawer outside a sale, or a no-sale opening."""

    __tablename__ = "cash_movement"
    __table_args__ = (CheckConstraint("kind IN ('in', 'out', 'no_sale')", name="kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    shift_id: Mapped[int] = mapped_column(ForeignKey("shift.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    kind: Mapped[str] = mapped_column(String(8))
    amount_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    reason: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class ShiftCashCount(Base):
    """How many of each note and coin were counted at a shift's close."""

    __tablename__ = "shift_cash_count"

    shift_id: Mapped[int] = mapped_column(
        ForeignKey("shift.id", ondelete="CASCADE"), primary_key=True
    )
    denomination_minor: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    count: Mapped[int] = mapped_column(Integer)


class Voucher(Base):
    """A gift voucher or a customer's store credit, spent down by payments."""

    __tablename__ = "voucher"
    __table_args__ = (
        CheckConstraint("kind IN ('voucher', 'store_credit')", name="kind"),
        CheckConstraint("balance_minor >= 0", name="balance_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(16))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    issued_minor: Mapped[int] = mapped_column(BigInteger)
    balance_minor: Mapped[int] = mapped_column(BigInteger)
    issued_by_sale_id: Mapped[int | None] = mapped_column(ForeignKey("sale.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class VoidedLine(Base):
    """A line taken off a cart before payment, with the cashier's reason."""

    __tablename__ = "voided_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    register_id: Mapped[int] = mapped_column(ForeignKey("register.id"))
    cashier_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), index=True)
    sale_uuid: Mapped[str] = mapped_column(String(36), index=True)
    product_code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    reason: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
