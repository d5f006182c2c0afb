"""Gifts: which sale (or line of it) was a present, for whom and for what occasion."""

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from pos.db.base import Base, UtcDateTime


class SaleGift(Base):
    """A gift mark of a sale, written with the sale. `line_no` None: the whole sale.

    `recipient` is a third party's name: emptied when the buyer's data is erased (the
    occasion stays, for the figures)."""

    __tablename__ = "sale_gift"
    __table_args__ = (
        CheckConstraint(
            "occasion IN ('birthday', 'wedding', 'anniversary', 'christmas', 'thank_you', "
            "'other')",
            name="occasion",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id", ondelete="CASCADE"), index=True)
    line_no: Mapped[int | None] = mapped_column(Integer)
    recipient: Mapped[str] = mapped_column(String(80))
    occasion: Mapped[str] = mapped_column(String(16))
    occasion_on: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
