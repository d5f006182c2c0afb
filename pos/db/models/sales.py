"""Sales (and returns), their lines and the payments that settled them."""

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from pos.db.base import Base, UtcDateTime


class Sale(Base):
    """A completed sale or return. Lines keep a copy of name and price as sold.

    `uuid` lets a retried commit be recognised; (`register_id`, `receipt_seq`) is the
    gapless per-register number printed as `receipt_number`.
    """

    __tablename__ = "sale"
    __table_args__ = (
        UniqueConstraint("register_id", "receipt_seq", name="uq_sale_register_seq"),
        CheckConstraint("kind IN ('sale', 'return')", name="kind"),
        # A customer's sales newest first, and what they bought, without reading the rows
        # (the customer panel; migration 0003).
        Index("ix_sale_customer_id_completed_at", "customer_id", "completed_at", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uuid: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(8), default="sale")
    register_id: Mapped[int] = mapped_column(ForeignKey("register.id"))
    receipt_seq: Mapped[int] = mapped_column(BigInteger)
    receipt_number: Mapped[str] = mapped_column(String(32), unique=True)
    shift_id: Mapped[int | None] = mapped_column(ForeignKey("shift.id"), index=True)
    cashier_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    original_sale_id: Mapped[int | None] = mapped_column(ForeignKey("sale.id"), index=True)
    return_reason: Mapped[str] = mapped_column(String(200), default="")
    subtotal_minor: Mapped[int] = mapped_column(BigInteger)
    discount_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    tax_minor: Mapped[int] = mapped_column(BigInteger)
    total_minor: Mapped[int] = mapped_column(BigInteger)
    completed_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class SaleLine(Base):
    """One line of a sale; negative quantity on returns."""

    __tablename__ = "sale_line"
    __table_args__ = (
        UniqueConstraint("sale_id", "line_no", name="uq_sale_line_sale_line_no"),
        # What a customer usually buys, read from the index alone (migration 0003).
        Index("ix_sale_line_sale_id_product_code", "sale_id", "product_code", "quantity"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id", ondelete="CASCADE"), index=True)
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id"), index=True)
    original_line_id: Mapped[int | None] = mapped_column(ForeignKey("sale_line.id"), index=True)
    """On a return: the line of the original sale being returned."""
    product_code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)
    weight_grams: Mapped[int | None] = mapped_column(Integer)
    unit_price_minor: Mapped[int] = mapped_column(BigInteger)
    discount_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    tax_rate_bp: Mapped[int] = mapped_column(Integer)
    tax_minor: Mapped[int] = mapped_column(BigInteger)
    total_minor: Mapped[int] = mapped_column(BigInteger)


class Payment(Base):
    """A tender that settled (part of) a sale; refunds are negative amounts."""

    __tablename__ = "payment"
    __table_args__ = (
        CheckConstraint(
            "method IN ('cash', 'card', 'voucher', 'store_credit')", name="method"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id", ondelete="CASCADE"), index=True)
    method: Mapped[str] = mapped_column(String(16))
    amount_minor: Mapped[int] = mapped_column(BigInteger)
    tendered_minor: Mapped[int | None] = mapped_column(BigInteger)
    change_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    reference: Mapped[str] = mapped_column(String(80), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
