"""The shop's customers and their running statistics."""

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pos.db.base import Base, UtcDateTime


class Customer(Base):
    """A customer. Birthday is day and month, with the year only if they gave it.

    `search_text`, `phone_normalised` and `email_normalised` are kept for indexed
    look-up at the till; consent flags carry the date they were given.
    """

    __tablename__ = "customer"
    __table_args__ = (
        CheckConstraint("birthday_day BETWEEN 1 AND 31", name="birthday_day"),
        CheckConstraint("birthday_month BETWEEN 1 AND 12", name="birthday_month"),
        CheckConstraint(
            "(birthday_day IS NULL) = (birthday_month IS NULL)", name="birthday_day_month"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str | None] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(160))
    address_as: Mapped[str] = mapped_column(String(80), default="")
    search_text: Mapped[str] = mapped_column(String(400), index=True)
    phone: Mapped[str] = mapped_column(String(40), default="")
    phone_normalised: Mapped[str] = mapped_column(String(20), default="", index=True)
    email: Mapped[str] = mapped_column(String(254), default="")
    email_normalised: Mapped[str] = mapped_column(String(254), default="", index=True)
    birthday_day: Mapped[int | None] = mapped_column(Integer)
    birthday_month: Mapped[int | None] = mapped_column(Integer)
    birthday_year: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str] = mapped_column(Text, default="")
    language: Mapped[str] = mapped_column(String(16), default="")
    loyalty_card: Mapped[str | None] = mapped_column(String(40), unique=True)
    consent_marketing_email: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_sms: Mapped[bool] = mapped_column(Boolean, default=False)
    consent_keep_history: Mapped[bool] = mapped_column(Boolean, default=True)
    consent_given_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    erased_at: Mapped[datetime | None] = mapped_column(UtcDateTime)


class CustomerStats(Base):
    """Visits and spend, updated in the same transaction as each sale (one read per panel)."""

    __tablename__ = "customer_stats"

    customer_id: Mapped[int] = mapped_column(
        ForeignKey("customer.id", ondelete="CASCADE"), primary_key=True
    )
    visits: Mapped[int] = mapped_column(Integer, default=0)
    spend_minor: Mapped[int] = mapped_column(BigInteger, default=0)
    first_visit_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    last_visit_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
