"""Messages to customers: the owner's templates, which thank-you each customer got last,
and the birthday e-mails sent (the rule order is a `setting`)."""

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pos.db.base import Base, UtcDateTime
from pos.db.models.customers import Customer


class MessageTemplate(Base):
    """The owner's texts for one occasion in one language (they replace the shipped ones).

    `variants` is a JSON list of template texts: one is picked per visit, a different
    one from last time when there are several.
    """

    __tablename__ = "message_template"
    __table_args__ = (UniqueConstraint("occasion", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    occasion: Mapped[str] = mapped_column(String(24))
    language: Mapped[str] = mapped_column(String(16))
    variants: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_by_id: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )


class ThankYouSent(Base):
    """A thank-you given to a customer after a sale: which variant (so the next visit gets
    another, on any till, after a restart) and its words (the e-mailed receipt repeats
    them). Deleted with the customer's other records on erasure."""

    __tablename__ = "thank_you_sent"
    __table_args__ = (Index("ix_thank_you_sent_customer_id_id", "customer_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    sale_id: Mapped[int | None] = mapped_column(
        ForeignKey("sale.id", ondelete="SET NULL"), index=True
    )
    occasion: Mapped[str] = mapped_column(String(24))
    language: Mapped[str] = mapped_column(String(16))
    variant_key: Mapped[str] = mapped_column(String(16))
    """A hash of the template text the message was rendered from."""
    text: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime] = mapped_column(UtcDateTime)


class BirthdayGreeting(Base):
    """A birthday e-mail: written once per customer and birthday, then sent (retried until
    the birthday has passed)."""

    __tablename__ = "birthday_greeting"
    __table_args__ = (
        Index("ix_birthday_greeting_customer_id_birthday_on", "customer_id", "birthday_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    birthday_on: Mapped[date] = mapped_column(Date)
    """The birthday greeted (28 February for a 29 February birthday in other years)."""
    recipient: Mapped[str] = mapped_column(String(254))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)


CUSTOMER_BIRTHDAY = Index(
    "ix_customer_birthday_month_birthday_day",
    Customer.__table__.c.birthday_month, Customer.__table__.c.birthday_day,
)
"""The birthday e-mail finds tomorrow's birthdays by month and day (on a table another
feature owns; adding an index changes no column)."""
