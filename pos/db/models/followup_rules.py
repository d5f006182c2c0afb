"""Rules the owner sets for automatic follow-ups (see pos.domain.followup_rules)."""

from sqlalchemy import BigInteger, Boolean, CheckConstraint, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pos.db.base import Base


class FollowUpRule(Base):
    """A trigger with its parameter (an amount, a category), when and what to follow up."""

    __tablename__ = "follow_up_rule"
    __table_args__ = (
        CheckConstraint(
            "trigger IN ('sale_over_amount', 'category', 'quotation', 'complaint')",
            name="trigger",
        ),
        CheckConstraint("kind IN ('call', 'email', 'sms', 'visit')", name="kind"),
        CheckConstraint("days_after >= 0", name="days_after"),
        CheckConstraint(
            "(trigger = 'sale_over_amount') = (amount_minor IS NOT NULL)", name="amount"
        ),
        CheckConstraint("(trigger = 'category') = (category_id IS NOT NULL)", name="category"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    trigger: Mapped[str] = mapped_column(String(20))
    amount_minor: Mapped[int | None] = mapped_column(BigInteger)
    category_id: Mapped[int | None] = mapped_column(
        ForeignKey("category.id", ondelete="CASCADE"), index=True
    )
    days_after: Mapped[int] = mapped_column(Integer)
    working_days: Mapped[bool] = mapped_column(Boolean, default=False)
    kind: Mapped[str] = mapped_column(String(8), default="call")
    note: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
