"""Print jobs as the till shows them, and how a new one is recorded."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, cast

from pos.db.models import PrintJob
from pos.domain.errors import EnvironmentProblemError

JobKind = Literal["receipt", "copy", "drawer", "test"]
JobStatus = Literal["pending", "printing", "done", "failed", "held-paper-out", "held-offline"]
ERROR_LENGTH = 400


@dataclass(frozen=True, slots=True)
class PrintJobInfo:
    id: int
    kind: JobKind
    status: JobStatus
    sale_id: int | None
    gift: bool
    attempts: int
    error: str
    """Why the last try failed, or what the job waits for ("" when all is well)."""
    created_at: datetime
    printed_at: datetime | None

    @property
    def printed(self) -> bool:
        return self.status == "done"


def job_info(job: PrintJob) -> PrintJobInfo:
    return PrintJobInfo(
        id=job.id,
        kind=cast(JobKind, job.kind),  # the table's CHECK constraints hold both
        status=cast(JobStatus, job.status),
        sale_id=job.sale_id,
        gift=job.gift,
        attempts=job.attempts,
        error=job.last_error,
        created_at=job.created_at,
        printed_at=job.printed_at,
    )


def new_job(
    register_code: str,
    kind: JobKind,
    render: Callable[[], bytes],
    now: datetime,
    *,
    sale_id: int | None = None,
    gift: bool = False,
) -> PrintJob:
    """A pending job with the bytes `render` makes, or, if they cannot be made (an
    unknown printer profile), a failed one saying why: the job is still on record,
    to reprint once the printer is set up right."""
    try:
        payload: bytes | None = render()
        status, error = "pending", ""
    except EnvironmentProblemError as problem:
        payload, status, error = None, "failed", problem.message
    return PrintJob(
        register_code=register_code, kind=kind, status=status, sale_id=sale_id, gift=gift,
        payload=payload, attempts=0, last_error=error[:ERROR_LENGTH], created_at=now,
        updated_at=now,
    )
