"""The owner's daily follow-up digest e-mails, kept until the mail server took them."""

from datetime import date, datetime

from sqlalchemy import Date, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pos.db.base import Base, UtcDateTime


class FollowUpDigest(Base):
    """One day's digest: written once, sent (and retried) until `sent_at` is set."""

    __tablename__ = "follow_up_digest"

    id: Mapped[int] = mapped_column(primary_key=True)
    digest_day: Mapped[date] = mapped_column(Date, unique=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    """Sending rounds so far (each tries up to three times)."""
    last_error: Mapped[str] = mapped_column(Text, default="")
    sent_at: Mapped[datetime | None] = mapped_column(UtcDateTime, index=True)
    sending_since: Mapped[datetime | None] = mapped_column(UtcDateTime)
    """When a till took it to send: another till leaves it alone until that is stale."""
