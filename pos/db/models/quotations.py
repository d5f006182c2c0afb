"""Quotations: priced carts offered to a customer, valid until a day, kept for ever.

A quotation is numbered from its register's own gapless counter (`quotation_counter`,
one row per register), so quotations never take receipt numbers. Expired quotations
are marked, never deleted; a converted one names the sale it became.
"""

from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from pos.db.base import Base, UtcDateTime


class QuotationCounter(Base):
    """The last quotation number taken on a register (taken inside the quotation's write)."""

    __tablename__ = "quotation_counter"

    register_id: Mapped[int] = mapped_column(
        ForeignKey("register.id", ondelete="CASCADE"), primary_key=True
    )
    last_seq: Mapped[int] = mapped_column(BigInteger)


class Quotation(Base):
    """A quotation. `cart_json` is the cart as quoted (pos.services.cart_codec), so it
    converts back to exactly the cart the customer was offered."""

    __tablename__ = "quotation"
    __table_args__ = (
        UniqueConstraint("register_id", "quote_seq", name="uq_quotation_register_seq"),
        CheckConstraint("status IN ('open', 'converted', 'expired')", name="status"),
        Index("ix_quotation_status_valid_until", "status", "valid_until"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(32), unique=True)
    register_id: Mapped[int] = mapped_column(ForeignKey("register.id"))
    quote_seq: Mapped[int] = mapped_column(BigInteger)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    cashier_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    status: Mapped[str] = mapped_column(String(12), default="open")
    valid_until: Mapped[date] = mapped_column(Date)
    """The shop's last local day the prices hold."""
    subtotal_minor: Mapped[int] = mapped_column(BigInteger)
    discount_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    tax_minor: Mapped[int] = mapped_column(BigInteger)
    total_minor: Mapped[int] = mapped_column(BigInteger)
    prices_include_tax: Mapped[bool] = mapped_column(Boolean)
    cart_json: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    expired_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    converted_sale_id: Mapped[int | None] = mapped_column(ForeignKey("sale.id"), index=True)
    converted_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class QuotationLine(Base):
    """One line as quoted (name and prices copied, like a sale line)."""

    __tablename__ = "quotation_line"
    __table_args__ = (
        UniqueConstraint("quotation_id", "line_no", name="uq_quotation_line_quotation_line_no"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    quotation_id: Mapped[int] = mapped_column(
        ForeignKey("quotation.id", ondelete="CASCADE"), index=True
    )
    line_no: Mapped[int] = mapped_column(Integer)
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id"), index=True)
    product_code: Mapped[str] = mapped_column(String(40))
    name: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)
    weight_grams: Mapped[int | None] = mapped_column(Integer)
    unit_price_minor: Mapped[int] = mapped_column(BigInteger)
    discount_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    tax_rate_bp: Mapped[int] = mapped_column(Integer)
    tax_minor: Mapped[int] = mapped_column(BigInteger)
    total_minor: Mapped[int] = mapped_column(BigInteger)
