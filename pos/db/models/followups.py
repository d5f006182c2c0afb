"""After-sale follow-ups: a call, e-mail, SMS or visit due on a day, tied to what caused it."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pos.db.base import Base, UtcDateTime


class FollowUp(Base):
    """One thing to do for a customer. `source` says what created it (the till, a rule, a
    quotation, a complaint, a promise); `sale_id` links the sale it is about."""

    __tablename__ = "follow_up"
    __table_args__ = (
        CheckConstraint("kind IN ('call', 'email', 'sms', 'visit')", name="kind"),
        CheckConstraint("status IN ('open', 'done', 'cancelled')", name="status"),
        Index("ix_follow_up_status_due_on", "status", "due_on"),
        Index("ix_follow_up_source_source_id", "source", "source_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    sale_id: Mapped[int | None] = mapped_column(ForeignKey("sale.id"), index=True)
    kind: Mapped[str] = mapped_column(String(8), default="call")
    due_on: Mapped[date] = mapped_column(Date)
    """The shop's local day it is due."""
    note: Mapped[str] = mapped_column(Text, default="")
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    source: Mapped[str] = mapped_column(String(16), default="manual")
    source_id: Mapped[int | None] = mapped_column()
    """The quotation, complaint or promise it came from, when `source` names one."""
    status: Mapped[str] = mapped_column(String(12), default="open")
    outcome: Mapped[str] = mapped_column(String(24), default="")
    outcome_note: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
