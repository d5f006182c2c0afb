"""The print queue: every receipt, copy, drawer kick and test page a till sends to its printer.

A job is written when it is asked for (after the sale is committed) and its status
moves as the printer worker sends it: pending -> printing -> done, or failed (kept
for a reprint), or held-paper-out / held-offline when the printer took the job while
it could not print and will print it when it is back (never sent again for that).
"""

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from pos.db.base import Base, UtcDateTime

PRINT_JOB_KINDS = ("receipt", "copy", "drawer", "test")
PRINT_JOB_STATUSES = ("pending", "printing", "done", "failed", "held-paper-out", "held-offline")


def _one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


class PrintJob(Base):
    """One job for the printer of the till `register_code`; `payload` is its ESC/POS bytes."""

    __tablename__ = "print_job"
    __table_args__ = (
        CheckConstraint(_one_of("kind", PRINT_JOB_KINDS), name="kind"),
        CheckConstraint(_one_of("status", PRINT_JOB_STATUSES), name="status"),
        Index("ix_print_job_register_code_status", "register_code", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    register_code: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="pending")
    sale_id: Mapped[int | None] = mapped_column(ForeignKey("sale.id"), index=True)
    gift: Mapped[bool] = mapped_column(Boolean, default=False)
    payload: Mapped[bytes | None] = mapped_column(LargeBinary)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str] = mapped_column(String(400), default="")
    created_at: Mapped[datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    printed_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
