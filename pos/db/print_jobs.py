"""Reading and writing the print queue. Never commits: the print services do."""

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from pos.db.models import PrintJob

HELD_STATUSES = ("held-paper-out", "held-offline")
OPEN_STATUSES = ("pending", "printing", "failed", *HELD_STATUSES)
"""Statuses of jobs that have not (yet, or knowingly) printed."""


class PrintJobRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, job: PrintJob) -> PrintJob:
        self.session.add(job)
        self.session.flush()
        return job

    def get(self, job_id: int) -> PrintJob | None:
        return self.session.get(PrintJob, job_id)

    def due(self, register_code: str, now: datetime, limit: int) -> list[PrintJob]:
        """Pending jobs of the till whose (re)try time has come, oldest first."""
        return list(self.session.scalars(
            select(PrintJob)
            .where(
                PrintJob.register_code == register_code,
                PrintJob.status == "pending",
                or_(PrintJob.next_attempt_at.is_(None), PrintJob.next_attempt_at <= now),
            )
            .order_by(PrintJob.id)
            .limit(limit)
        ))

    def with_status(self, register_code: str, statuses: Sequence[str]) -> list[PrintJob]:
        return list(self.session.scalars(
            select(PrintJob)
            .where(PrintJob.register_code == register_code, PrintJob.status.in_(statuses))
            .order_by(PrintJob.id)
        ))

    def next_attempt_at(self, register_code: str) -> datetime | None:
        """When the earliest pending job of the till may be tried."""
        return self.session.scalar(
            select(func.min(PrintJob.next_attempt_at)).where(
                PrintJob.register_code == register_code, PrintJob.status == "pending"
            )
        )

    def counts(self, register_code: str) -> dict[str, int]:
        rows = self.session.execute(
            select(PrintJob.status, func.count())
            .where(PrintJob.register_code == register_code, PrintJob.status.in_(OPEN_STATUSES))
            .group_by(PrintJob.status)
        )
        return {status: int(count) for status, count in rows}

    def receipt_jobs(self, sale_id: int, kinds: Sequence[str]) -> list[PrintJob]:
        """The sale's jobs of these kinds, oldest first."""
        return list(self.session.scalars(
            select(PrintJob)
            .where(PrintJob.sale_id == sale_id, PrintJob.kind.in_(kinds))
            .order_by(PrintJob.id)
        ))

    def delete_done_before(self, register_code: str, before: datetime) -> int:
        """Forget printed jobs older than `before` (their payloads add up); how many."""
        result = self.session.execute(
            delete(PrintJob).where(
                PrintJob.register_code == register_code,
                PrintJob.status == "done",
                PrintJob.updated_at < before,
            )
        )
        return int(getattr(result, "rowcount", 0) or 0)
