"""Complaints, from what the customer said to the remedy that closed them."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pos.db.base import Base, UtcDateTime


class Complaint(Base):
    """A complaint, linked to the customer (None: a passer-by) and perhaps a sale's line.

    The apology, first response and resolution times are indexed: the service review
    counts and times them per day.
    """

    __tablename__ = "complaint"
    __table_args__ = (
        CheckConstraint(
            "category IN ('product_fault', 'service', 'price', 'wait', 'staff', 'other')",
            name="category",
        ),
        CheckConstraint("severity IN ('low', 'medium', 'high')", name="severity"),
        CheckConstraint("status IN ('open', 'responded', 'resolved')", name="status"),
        CheckConstraint(
            "remedy IS NULL OR remedy IN "
            "('refund', 'replacement', 'discount', 'voucher', 'explanation')",
            name="remedy",
        ),
        CheckConstraint(
            "(status = 'resolved') = (remedy IS NOT NULL AND resolved_at IS NOT NULL)",
            name="resolved_with_remedy",
        ),
        CheckConstraint("line_no IS NULL OR sale_id IS NOT NULL", name="line_of_a_sale"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    sale_id: Mapped[int | None] = mapped_column(ForeignKey("sale.id"), index=True)
    line_no: Mapped[int | None] = mapped_column(Integer)
    category: Mapped[str] = mapped_column(String(16))
    said: Mapped[str] = mapped_column(Text)
    severity: Mapped[str] = mapped_column(String(8))
    owner_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    logged_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    logged_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    status: Mapped[str] = mapped_column(String(12), default="open")
    apologised_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    first_response_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    response_note: Mapped[str] = mapped_column(Text, default="")
    remedy: Mapped[str | None] = mapped_column(String(16))
    resolution_note: Mapped[str] = mapped_column(Text, default="")
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    follow_up_id: Mapped[int | None] = mapped_column(
        ForeignKey("follow_up.id", ondelete="SET NULL")
    )
    """The follow-up to check the customer is satisfied, created with the complaint.
    Cleared if the follow-up is deleted (erasing a customer deletes their follow-ups)."""
