"""Sending the print queue to the printer: plain Python, on whatever thread calls it.

Rules (PRINTING.md, "What to require from the POS app"):
- The printer's state is read first, on a fresh connection. A job is sent only to a
  printer that can print it: while it is out of paper, offline or unreachable, jobs
  wait in the queue, not in the printer.
- After a job is sent, the printer's answer on the same connection is the only proof
  that all of it arrived. No answer, or a dropped connection: the try failed and the
  job is sent again later, with backoff, up to `MAX_ATTEMPTS` tries; then it is kept
  as failed, for a reprint.
- A job the printer took while it could not print (paper ran out during it) is
  *held*: the printer prints it when paper is loaded. It is never sent again for
  that, so no receipt comes out twice; once the printer answers "online" again, held
  jobs count as printed.
- A drawer kick that cannot be sent within `DRAWER_WINDOW` fails instead of opening
  the drawer minutes later; nor is it sent to a printer that would hold it.
- No database transaction stays open while the printer is talked to, and the lock
  keeps one user of the printer at a time.
"""

import logging
import threading
from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pos.db.database import Database
from pos.db.errors import translate_database_errors
from pos.db.models import PrintJob
from pos.db.print_jobs import HELD_STATUSES, PrintJobRepository
from pos.domain.clock import Clock, utc_now
from pos.domain.errors import EnvironmentProblemError
from pos.printing.status import DeviceStatus, PrinterState
from pos.printing.transports import PrinterPort
from pos.services.print_jobs import ERROR_LENGTH

log = logging.getLogger(__name__)

BACKOFF = (timedelta(seconds=2), timedelta(seconds=5), timedelta(seconds=15),
           timedelta(seconds=30))
"""Wait before the 2nd, 3rd, ... try of a job that did not reach the printer."""
MAX_ATTEMPTS = len(BACKOFF) + 1
DRAWER_WINDOW = timedelta(seconds=15)
KEEP_PRINTED = timedelta(days=30)
HELD_BY_STATE = {PrinterState.PAPER_OUT: "held-paper-out"}
STOPPED_WHILE_PRINTING = (
    "the till stopped while sending this job; reprint it if it did not come out"
)


@dataclass(frozen=True, slots=True)
class RunResult:
    """What one run did; `status` is None when there was nothing to do (printer not asked)."""

    status: DeviceStatus | None
    printed: int = 0
    held: int = 0
    retrying: int = 0
    failed: int = 0
    waiting: int = 0
    """Jobs left pending because the printer cannot print now (no try counted)."""


def _result(status: DeviceStatus | None, outcomes: Counter[str], printed: int) -> RunResult:
    return RunResult(
        status=status,
        printed=printed + outcomes["printed"],
        held=outcomes["held"],
        retrying=outcomes["retrying"],
        failed=outcomes["failed"] + outcomes["given up"],
        waiting=outcomes["waiting"],
    )


class PrintWorker:
    def __init__(
        self,
        database: Database,
        register_code: str,
        port: PrinterPort,
        *,
        clock: Clock = utc_now,
    ) -> None:
        self._database = database
        self._register_code = register_code
        self._port = port
        self.clock = clock
        self._lock = threading.Lock()
        self.last_status: DeviceStatus | None = None
        self.last_checked_at: datetime | None = None

    @property
    def printer(self) -> str:
        return self._port.description

    def run_pending(self, max_jobs: int = 20) -> RunResult:
        """Send up to `max_jobs` due jobs; blocks at most about one printer timeout per job."""
        with self._lock:
            held = self._jobs(HELD_STATUSES)
            due = self._due(max_jobs)
            if not held and not due:
                return RunResult(status=None)
            status = self._read_status()
            printed = self._release_held(held, status)
            if not status.can_print:
                return self._cannot_print(due, status, printed)
            return self._send_all(due, printed)

    def check_status(self) -> DeviceStatus:
        """The printer's state now (held jobs count as printed once it is back)."""
        with self._lock:
            status = self._read_status()
            self._release_held(self._jobs(HELD_STATUSES), status)
            return status

    def recover(self) -> int:
        """After a restart: jobs left "printing" may or may not have come out; keep them
        as failed for the cashier to reprint (never sent again on their own)."""
        jobs = self._jobs(("printing",))
        for job in jobs:
            self._update(job.id, status="failed", last_error=STOPPED_WHILE_PRINTING)
        return len(jobs)

    def retry_failed(self) -> int:
        """Put failed receipts, copies and test pages back in the queue (not drawer kicks:
        a drawer should open when asked, not later)."""
        jobs = [job for job in self._jobs(("failed",)) if job.kind != "drawer" and job.payload]
        for job in jobs:
            self._update(job.id, status="pending", attempts=0, last_error="",
                         next_attempt_at=None)
        return len(jobs)

    def next_attempt_at(self) -> datetime | None:
        with translate_database_errors(), self._database.reader() as uow:
            return PrintJobRepository(uow.session).next_attempt_at(self._register_code)

    def prune(self) -> int:
        """Forget jobs printed more than `KEEP_PRINTED` ago."""
        with translate_database_errors(), self._database.writer() as uow:
            count = PrintJobRepository(uow.session).delete_done_before(
                self._register_code, self.clock() - KEEP_PRINTED
            )
            uow.commit()
        return count

    def _read_status(self) -> DeviceStatus:
        status = self._port.status()
        self.last_status, self.last_checked_at = status, self.clock()
        return status

    def _release_held(self, held: list[PrintJob], status: DeviceStatus) -> int:
        if not status.can_print:
            return 0
        for job in held:
            self._update(job.id, status="done", last_error="", printed_at=self.clock())
        return len(held)

    def _cannot_print(self, due: list[PrintJob], status: DeviceStatus, printed: int) -> RunResult:
        """Nothing is sent. Unreachable: each due job has had a try; offline or out of
        paper: the jobs wait without a try counted (drawer kicks fail either way)."""
        outcomes: Counter[str] = Counter()
        for job in due:
            if job.kind == "drawer":
                self._fail(job, f"the drawer was not opened: the printer is {status.state}; "
                                "open it with its key")
                outcomes["failed"] += 1
            elif status.state is PrinterState.UNREACHABLE:
                outcomes[self._try_failed(job, status.detail)] += 1
            else:
                self._update(job.id, last_error=f"waiting: {status.detail}")
                outcomes["waiting"] += 1
        return _result(status, outcomes, printed)

    def _send_all(self, due: list[PrintJob], printed: int) -> RunResult:
        outcomes: Counter[str] = Counter()
        for job in due:
            outcome = self._send(job)
            outcomes[outcome] += 1
            if outcome in ("retrying", "given up"):
                break  # the printer is in trouble: the other jobs wait for the next run
        return _result(self.last_status, outcomes, printed)

    def _send(self, job: PrintJob) -> str:
        """Send one job: "printed", "held", "failed" (not sent), or, when the printer
        failed, "retrying" or "given up"."""
        if job.payload is None:
            self._fail(job, "the job has nothing to print; reprint the receipt")
            return "failed"
        if job.kind == "drawer" and self.clock() - job.created_at > DRAWER_WINDOW:
            self._fail(job, "too late to open the drawer; open it with its key")
            return "failed"
        self._update(job.id, status="printing")
        try:
            status = self._port.send(job.payload)
        except EnvironmentProblemError as error:
            self.last_status = DeviceStatus(PrinterState.UNREACHABLE, error.message)
            return "retrying" if self._try_failed(job, error.message) == "retrying" else "given up"
        self.last_status = status
        if status.can_print:
            self._update(job.id, status="done", last_error="", printed_at=self.clock())
            return "printed"
        self._update(job.id, status=HELD_BY_STATE.get(status.state, "held-offline"),
                     last_error=f"held by the printer: {status.detail}")
        return "held"

    def _try_failed(self, job: PrintJob, error: str) -> str:
        """Count a failed try: "retrying" if the job will be tried again, else "failed"."""
        attempts = job.attempts + 1
        again = attempts < MAX_ATTEMPTS and job.kind != "drawer"
        self._update(
            job.id,
            status="pending" if again else "failed",
            attempts=attempts,
            last_error=error,
            next_attempt_at=self.clock() + BACKOFF[attempts - 1] if again else None,
        )
        log.warning("print job %d (%s) try %d failed: %s", job.id, job.kind, attempts, error)
        return "retrying" if again else "failed"

    def _fail(self, job: PrintJob, error: str) -> None:
        self._update(job.id, status="failed", attempts=job.attempts + 1, last_error=error)

    def _jobs(self, statuses: tuple[str, ...]) -> list[PrintJob]:
        with translate_database_errors(), self._database.reader() as uow:
            return PrintJobRepository(uow.session).with_status(self._register_code, statuses)

    def _due(self, limit: int) -> list[PrintJob]:
        with translate_database_errors(), self._database.reader() as uow:
            return PrintJobRepository(uow.session).due(self._register_code, self.clock(), limit)

    def _update(self, job_id: int, **changes: Any) -> None:
        """Change one job in its own short transaction (the printer is never waited on
        inside one)."""
        if "last_error" in changes:
            changes["last_error"] = changes["last_error"][:ERROR_LENGTH]
        with translate_database_errors(), self._database.writer() as uow:
            job = PrintJobRepository(uow.session).get(job_id)
            if job is None:
                return
            for name, value in changes.items():
                setattr(job, name, value)
            job.updated_at = self.clock()
            uow.commit()
