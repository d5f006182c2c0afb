"""The printer's own thread: runs the print queue, retries, and watches the printer's state.

The till starts it once and calls `wake()` after recording a job; `wake()` only
sets an event, so the caller (the UI thread) never waits for the printer. Between
runs the thread sleeps until the next retry is due, or a few seconds while the
printer is out of paper (to notice the new roll), or `IDLE_POLL` to keep the status
bar's printer state fresh. `on_status` is called from this thread after each run:
the UI hands it to its own thread (a queued signal).
"""

import logging
import threading
from collections.abc import Callable
from typing import TypeVar

from pos.domain.errors import PosError
from pos.services.printing import PrinterStatus, PrintService

log = logging.getLogger(__name__)

IDLE_POLL = 30.0
BUSY_POLL = 3.0
"""Seconds between runs while jobs wait for the printer to come back."""

StatusListener = Callable[[PrinterStatus], None]
T = TypeVar("T")


class PrintQueueThread:
    def __init__(
        self,
        service: PrintService,
        *,
        on_status: StatusListener | None = None,
        idle_poll: float = IDLE_POLL,
        busy_poll: float = BUSY_POLL,
    ) -> None:
        self._service = service
        self._on_status = on_status
        self._idle_poll = idle_poll
        self._busy_poll = busy_poll
        self._wake = threading.Event()
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="printer", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        """Run the queue now (returns at once)."""
        self._wake.set()

    def stop(self, timeout: float | None = None) -> bool:
        """Stop after the job being sent, if any; True once the thread has ended."""
        self._stopping.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
        return not self.running

    def _run(self) -> None:
        worker = self._service.worker
        self._guarded(worker.recover)
        self._guarded(worker.prune)
        while not self._stopping.is_set():
            busy = self._guarded(self._run_once)
            self._wake.wait(self._sleep(bool(busy)))
            self._wake.clear()

    def _run_once(self) -> bool:
        """Send what is due, tell the listener; True while jobs wait on the printer."""
        worker = self._service.worker
        result = worker.run_pending()
        if result.status is None:
            worker.check_status()
        status = self._service.printer_status(refresh=False)
        if self._on_status is not None:
            self._on_status(status)
        return bool(result.waiting or result.held or result.retrying or status.held)

    def _sleep(self, busy: bool) -> float:
        """Seconds until the next run: the next retry, or a poll."""
        poll = self._busy_poll if busy else self._idle_poll
        due = self._guarded(self._service.worker.next_attempt_at)
        if due is None:
            return poll
        now = self._service.worker.clock()
        return max(0.0, min(poll, (due - now).total_seconds()))

    def _guarded(self, action: Callable[[], T]) -> T | None:
        """Run `action`; a failure is logged, never the end of the thread (the till would
        silently stop printing)."""
        try:
            return action()
        except PosError as error:
            log.warning("printer thread: %s", error.message)
        except Exception:
            log.exception("printer thread: unexpected error")
        return None
