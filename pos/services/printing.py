"""Receipts and the printer, as the till asks for them: print, reprint, open the drawer, status.

Every request only records a job (a quick write, after the sale is committed); the
`PrintWorker` (driven by `PrintQueueThread` in the app) sends it. So a dead, stalled
or empty printer never holds up the till, and every job is on record to reprint.
A cash sale also records a drawer kick, as its own job ahead of the receipt: the
drawer opens even if the receipt cannot be printed.
"""

from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial

from pos.config import Settings
from pos.db.database import Database
from pos.db.errors import translate_database_errors
from pos.db.models import PrintJob
from pos.db.print_jobs import HELD_STATUSES, OPEN_STATUSES, PrintJobRepository
from pos.db.sales import SalesRepository
from pos.domain.clock import Clock, utc_now
from pos.domain.errors import EnvironmentProblemError, NotFoundError, UserError
from pos.printing.errors import PrinterSetupError
from pos.printing.escpos_decode import preview
from pos.printing.escpos_render import (
    RenderOptions,
    render_drawer_kick,
    render_receipt,
    render_test_page,
)
from pos.printing.status import ADVICE, DeviceStatus, PrinterState
from pos.printing.transports import DEFAULT_TIMEOUT, NO_PRINTER, PrinterPort, open_port
from pos.services.print_jobs import PrintJobInfo, job_info, new_job
from pos.services.print_worker import PrintWorker
from pos.services.receipts import ReceiptService

LOGO_FILE_NAME = "receipt-logo.png"
"""A logo for the top of receipts, looked for in the data directory."""

__all__ = ["PrintJobInfo", "PrintService", "PrinterState", "PrinterStatus"]


@dataclass(frozen=True, slots=True)
class PrinterStatus:
    """What the status bar shows about the printer and its queue."""

    printer: str
    state: PrinterState
    detail: str
    waiting: int
    """Jobs not yet sent (pending or being sent)."""
    held: int
    """Jobs the printer holds until it can print (out of paper, cover open)."""
    failed: int
    """Jobs given up on, to reprint."""
    checked_at: datetime | None

    @property
    def text(self) -> str:
        """One line: "Printer: out of paper; load a new roll ... (2 waiting)"."""
        counts = [f"{n} {what}" for n, what in ((self.waiting, "waiting"), (self.held, "held"),
                                               (self.failed, "failed")) if n]
        tail = f" ({', '.join(counts)})" if counts else ""
        return f"Printer: {self.detail or self.state}{tail}"


class PrintService:
    def __init__(
        self,
        database: Database,
        settings: Settings,
        *,
        clock: Clock = utc_now,
        port: PrinterPort | None = None,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self._database = database
        self._register_code = settings.register_code
        self._clock = clock
        self._configured = settings.receipt_printer.strip().lower() not in ("", "none")
        self._port = port or _port_for(settings.receipt_printer, timeout)
        logo = settings.data_dir / LOGO_FILE_NAME
        self._options = RenderOptions(
            profile=settings.printer_profile, logo=logo if logo.exists() else None
        )
        self._receipts = ReceiptService(database)
        self._new_job = partial(new_job, settings.register_code)
        self.worker = PrintWorker(database, settings.register_code, self._port, clock=clock)

    @property
    def configured(self) -> bool:
        return self._configured

    def enqueue_receipt(
        self, sale_id: int, *, gift: bool = False, thank_you: str | None = None
    ) -> tuple[PrintJobInfo, ...]:
        """Record the receipt of a committed sale (and, when cash changed hands, a drawer
        kick ahead of it). Asking twice for the same sale's receipt records it once; each
        gift receipt asked for is recorded. No printer set up: nothing is recorded.
        `thank_you` is the message chosen for this customer (else the shop's default)."""
        if not self._configured:
            return ()
        if not gift:
            recorded = self._receipt_jobs(sale_id, kinds=("receipt", "drawer"))
            existing = tuple(job for job in recorded if not job.gift)
            if any(job.kind == "receipt" for job in existing):
                return existing
        receipt = self._receipts.for_sale(sale_id, gift=gift)
        if thank_you:
            receipt = replace(receipt, thank_you=thank_you)
        now = self._clock()
        jobs = []
        if not gift and self._moved_cash(sale_id):
            kick = self._new_job("drawer", self._drawer_kick, now, sale_id=sale_id)
            jobs.append(kick)
        render = partial(render_receipt, receipt, self._options)
        jobs.append(self._new_job("receipt", render, now, sale_id=sale_id, gift=gift))
        return self._record(jobs)

    def reprint(self, sale_id: int) -> PrintJobInfo:
        """The sale's receipt again. If its receipt never printed (failed), that receipt
        is sent again; otherwise a copy marked COPY is printed."""
        self._require_printer()
        original = next(
            (job for job in self._receipt_jobs(sale_id, kinds=("receipt",)) if not job.gift),
            None,
        )
        if original is not None and original.status in ("pending", "printing"):
            return original
        if original is not None and original.status == "failed":
            retried = self._retry(original.id)
            if retried is not None:
                return retried
        render = partial(render_receipt, self._receipts.for_sale(sale_id, copy=True), self._options)
        return self._record([self._new_job("copy", render, self._clock(), sale_id=sale_id)])[0]

    def reprint_last(self) -> PrintJobInfo:
        """The receipt of this till's latest sale or return again (see `reprint`)."""
        sale_id = self._receipts.last_sale_id(self._register_code)
        if sale_id is None:
            raise UserError("no sale on this till yet, so there is no receipt to reprint")
        return self.reprint(sale_id)

    def open_drawer(self) -> PrintJobInfo:
        """Kick the cash drawer open (it hangs on the printer)."""
        self._require_printer()
        return self._record([self._new_job("drawer", self._drawer_kick, self._clock())])[0]

    def print_test_page(self) -> PrintJobInfo:
        self._require_printer()
        return self._record([self._new_job("test", self._test_page, self._clock())])[0]

    def printer_status(self, *, refresh: bool = True) -> PrinterStatus:
        """The printer's state and the queue's. `refresh` asks the printer (up to a few
        seconds: never on the UI thread); otherwise the worker's last answer is used."""
        if not self._configured:
            device = DeviceStatus(PrinterState.NOT_CONFIGURED, ADVICE[PrinterState.NOT_CONFIGURED])
        elif refresh:
            device = self.worker.check_status()
        else:
            device = self.worker.last_status or DeviceStatus(PrinterState.NO_STATUS,
                                                             "not checked yet")
        try:
            self._options.printer_profile()
        except PrinterSetupError as error:
            device = DeviceStatus(device.state, error.message)
        with translate_database_errors(), self._database.reader() as uow:
            counts = PrintJobRepository(uow.session).counts(self._register_code)
        return PrinterStatus(
            printer=self._port.description,
            state=device.state,
            detail=device.detail,
            waiting=counts.get("pending", 0) + counts.get("printing", 0),
            held=sum(counts.get(status, 0) for status in HELD_STATUSES),
            failed=counts.get("failed", 0),
            checked_at=self.worker.last_checked_at,
        )

    def pending_jobs(self) -> tuple[PrintJobInfo, ...]:
        """This till's jobs that have not printed: waiting, being sent, held or failed."""
        with translate_database_errors(), self._database.reader() as uow:
            jobs = PrintJobRepository(uow.session).with_status(self._register_code, OPEN_STATUSES)
            return tuple(job_info(job) for job in jobs)

    def retry_failed(self) -> int:
        """Send failed receipts again (say, after the printer was fixed); how many."""
        return self.worker.retry_failed()

    def preview(self, sale_id: int | None = None) -> str:
        """Exactly what would print, as text: the sale's receipt, or the test page."""
        if sale_id is None:
            payload = self._test_page()
        else:
            payload = render_receipt(self._receipts.for_sale(sale_id), self._options)
        return preview(payload, self._options.printer_profile())

    def preview_receipt(self, receipt_number: str = "") -> str:
        """What the receipt `receipt_number` (this till's last one when empty) prints as."""
        if receipt_number.strip():
            sale_id: int | None = self._receipts.sale_id_for(receipt_number)
        else:
            sale_id = self._receipts.last_sale_id(self._register_code)
            if sale_id is None:
                raise NotFoundError("this till has no sale yet; type a receipt number")
        return self.preview(sale_id)

    def _drawer_kick(self) -> bytes:
        return render_drawer_kick(self._options)

    def _test_page(self) -> bytes:
        return render_test_page(self._options, printer=self._port.description,
                                printed_at=self._clock().isoformat(timespec="seconds"))

    def _record(self, jobs: list[PrintJob]) -> tuple[PrintJobInfo, ...]:
        with translate_database_errors(), self._database.writer() as uow:
            repo = PrintJobRepository(uow.session)
            for job in jobs:
                repo.add(job)
            uow.commit()
        return tuple(job_info(job) for job in jobs)

    def _receipt_jobs(self, sale_id: int, *, kinds: tuple[str, ...]) -> tuple[PrintJobInfo, ...]:
        with translate_database_errors(), self._database.reader() as uow:
            jobs = PrintJobRepository(uow.session).receipt_jobs(sale_id, kinds)
            return tuple(job_info(job) for job in jobs)

    def _retry(self, job_id: int) -> PrintJobInfo | None:
        """A failed job back in the queue (re-rendered if it never could be); None if it
        is gone or no longer failed."""
        with translate_database_errors(), self._database.reader() as uow:
            job = PrintJobRepository(uow.session).get(job_id)
            if job is None or job.status != "failed":
                return None
            sale_id, gift, payload = job.sale_id, job.gift, job.payload
        if payload is None and sale_id is not None:
            payload = render_receipt(self._receipts.for_sale(sale_id, gift=gift), self._options)
        with translate_database_errors(), self._database.writer() as uow:
            job = PrintJobRepository(uow.session).get(job_id)
            if job is None or job.status != "failed":
                return None
            job.payload, job.status, job.attempts, job.last_error = payload, "pending", 0, ""
            job.next_attempt_at, job.updated_at = None, self._clock()
            uow.commit()
            return job_info(job)

    def _moved_cash(self, sale_id: int) -> bool:
        with translate_database_errors(), self._database.reader() as uow:
            payments = SalesRepository(uow.session).payments(sale_id)
            return any(payment.method == "cash" for payment in payments)

    def _require_printer(self) -> None:
        if not self._configured:
            raise UserError(NO_PRINTER)


class _UnusablePort:
    """Stands in for a printer whose address or driver is wrong: the till still starts,
    and the status bar and every job say what to fix."""

    def __init__(self, address: str, problem: str) -> None:
        self.description = address
        self._problem = problem

    def status(self) -> DeviceStatus:
        return DeviceStatus(PrinterState.UNREACHABLE, self._problem)

    def send(self, payload: bytes) -> DeviceStatus:
        raise PrinterSetupError(self._problem)


def _port_for(address: str, timeout: float) -> PrinterPort:
    try:
        return open_port(address, timeout=timeout)
    except (UserError, EnvironmentProblemError) as error:
        return _UnusablePort(address, error.message)

