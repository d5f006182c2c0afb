"""Customers' ratings of their visits, one current rating per sale."""

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column

from pos.db.base import Base, UtcDateTime


class VisitRating(Base):
    """1 to 5 stars and an optional word for a sale.

    A new rating of the same sale replaces the current one, which is kept with
    `replaced_at` set: the partial unique index allows one current rating per sale.
    """

    __tablename__ = "visit_rating"
    __table_args__ = (
        CheckConstraint("stars BETWEEN 1 AND 5", name="stars"),
        CheckConstraint("source IN ('cashier', 'display', 'receipt_code')", name="source"),
        Index(
            "uq_visit_rating_current_sale",
            "sale_id",
            unique=True,
            sqlite_where=text("replaced_at IS NULL"),
            postgresql_where=text("replaced_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sale_id: Mapped[int] = mapped_column(ForeignKey("sale.id", ondelete="CASCADE"))
    stars: Mapped[int] = mapped_column(Integer)
    word: Mapped[str] = mapped_column(String(80), default="")
    source: Mapped[str] = mapped_column(String(16))
    rated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    replaced_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
