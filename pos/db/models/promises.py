"""Promises made to customers, each with the follow-up that reminds the staff of it."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pos.db.base import Base, UtcDateTime


class Promise(Base):
    """Something the shop promised a customer, due on a local day.

    `status` is open, kept or broken; `ready_at` is set on an open promise when the
    product it waits for is received into stock.
    """

    __tablename__ = "promise"
    __table_args__ = (
        CheckConstraint("status IN ('open', 'kept', 'broken')", name="status"),
        CheckConstraint("(status = 'open') = (closed_at IS NULL)", name="closed_when_marked"),
        Index("ix_promise_customer_id_status", "customer_id", "status"),
        Index("ix_promise_status_due_on", "status", "due_on"),
        Index("ix_promise_product_id_status", "product_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"))
    """None once the customer's data was erased (a closed promise stays, for the figures)."""
    text: Mapped[str] = mapped_column(Text)
    due_on: Mapped[date] = mapped_column(Date, index=True)
    """The shop's local day it is due."""
    promised_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    sale_id: Mapped[int | None] = mapped_column(ForeignKey("sale.id"))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id"))
    status: Mapped[str] = mapped_column(String(8), default="open")
    made_at: Mapped[datetime] = mapped_column(UtcDateTime)
    ready_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    follow_up_id: Mapped[int | None] = mapped_column(
        ForeignKey("follow_up.id", ondelete="SET NULL")
    )
    """The reminder in the follow-up queue, due on the promise's day.
    Cleared if the follow-up is deleted (erasing a customer deletes their follow-ups)."""
