"""What the till keeps beside a customer record: their preferences, and the audit log.

The audit log is append-only (no UPDATE or DELETE: the migration adds triggers that
refuse them) and shared by every feature that must leave a trace of what it did to
someone's data: erasure, export, merges, imports.
"""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from pos.db.base import Base, UtcDateTime


class CustomerTag(Base):
    """A free preference such as "likes dark roast" or "size M"."""

    __tablename__ = "customer_tag"
    __table_args__ = (UniqueConstraint("customer_id", "tag"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id", ondelete="CASCADE"))
    tag: Mapped[str] = mapped_column(String(80))
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)


class AuditEntry(Base):
    """Who did what to whom, when. `details` is JSON text (sorted keys), never personal data
    beyond ids: an erased customer's name must not survive here."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    actor: Mapped[str] = mapped_column(String(80))
    action: Mapped[str] = mapped_column(String(60), index=True)
    subject: Mapped[str] = mapped_column(String(80), index=True)
    """What it was done to, as `kind:id` (e.g. `customer:42`)."""
    details: Mapped[str] = mapped_column(Text, default="{}")
