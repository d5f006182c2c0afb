"""Run work off the UI thread and deliver results back on it.

Executors per resource (DESIGN.md): one writer for the database, a small pool of
readers, one for the printer, one for reports, one for e-mail. A future's done-callback
runs in the worker; it only emits a queued signal, and the `@Slot` on this QObject
(which lives in the GUI thread) calls the caller's callbacks there.
"""

import logging
from collections.abc import Callable
from concurrent.futures import Executor, Future, ThreadPoolExecutor
from dataclasses import dataclass
from enum import Enum
from itertools import count
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from pos.domain.errors import PosError

log = logging.getLogger(__name__)

OnSuccess = Callable[[Any], None]
OnError = Callable[[PosError], None]


class Lane(Enum):
    """Which executor a task runs on."""

    DB_WRITE = "db-write"
    DB_READ = "db-read"
    PRINTER = "printer"
    REPORTS = "reports"
    IMPORT = "import"
    """A shop's past read from CSV: minutes of work that must not hold up a report."""
    MAIL = "mail"
    """E-mail that may wait on a slow or absent server (never holding up the database)."""


@dataclass(frozen=True)
class _Outcome:
    task_id: int
    result: Any
    error: BaseException | None


class InlineExecutor(Executor):
    """Runs each task at once in the calling thread (for tests: deterministic order)."""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        try:
            future.set_result(fn(*args, **kwargs))
        except BaseException as error:  # noqa: BLE001  (delivered to the caller's on_error)
            future.set_exception(error)
        return future


def thread_executors() -> dict[Lane, Executor]:
    return {
        Lane.DB_WRITE: ThreadPoolExecutor(1, thread_name_prefix="db-write"),
        Lane.DB_READ: ThreadPoolExecutor(2, thread_name_prefix="db-read"),
        Lane.PRINTER: ThreadPoolExecutor(1, thread_name_prefix="printer"),
        Lane.REPORTS: ThreadPoolExecutor(1, thread_name_prefix="reports"),
        Lane.IMPORT: ThreadPoolExecutor(1, thread_name_prefix="import"),
        Lane.MAIL: ThreadPoolExecutor(1, thread_name_prefix="mail"),
    }


def inline_executors() -> dict[Lane, Executor]:
    inline = InlineExecutor()
    return dict.fromkeys(Lane, inline)


class TaskRunner(QObject):
    """Submit work to a lane; `on_success`/`on_error` run later on the GUI thread.

    Unexpected exceptions (bugs) are logged and shown as a generic `PosError` so the
    window stays usable; `PosError`s reach `on_error` as they are.
    """

    _sig_finished = Signal(object)
    sig_pending_changed = Signal(int)
    """How many tasks are waiting for their result. (Not a bool: PySide6 6.12 loses a
    reference to True/False on every emit of a Python bool, and the interpreter aborts.)"""

    def __init__(self, executors: dict[Lane, Executor], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executors = executors
        self._pending: dict[int, tuple[OnSuccess, OnError | None]] = {}
        self._ids = count(1)
        self._closed = False
        self._sig_finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def closed(self) -> bool:
        """Shut down (the window is closing): nothing new starts, no result is delivered."""
        return self._closed

    @property
    def pending(self) -> int:
        return len(self._pending)

    def submit(
        self,
        lane: Lane,
        work: Callable[[], Any],
        on_success: OnSuccess,
        on_error: OnError | None = None,
    ) -> int:
        """Run `work()` on `lane`; returns a task id usable with `forget()`.

        Once the runner is shut down (the window is closing) nothing new starts: a timer or
        a result arriving late may still ask, and the work is dropped, not run half-way.
        """
        task_id = next(self._ids)
        if self._closed:
            log.info("task %d not started: the till is closing", task_id)
            return task_id
        self._pending[task_id] = (on_success, on_error)
        self.sig_pending_changed.emit(len(self._pending))
        future = self._executors[lane].submit(work)
        future.add_done_callback(lambda done: self._finished(task_id, done))
        return task_id

    def forget(self, task_id: int) -> None:
        """Drop a task's callbacks: its result will be ignored (latest-wins search)."""
        if self._pending.pop(task_id, None) is not None:
            self.sig_pending_changed.emit(len(self._pending))

    def _finished(self, task_id: int, future: Future[Any]) -> None:
        # Runs in the worker thread: only emit; the queued slot does the rest.
        error = future.exception()
        result = None if error is not None else future.result()
        self._sig_finished.emit(_Outcome(task_id, result, error))

    @Slot(object)
    def _deliver(self, outcome: _Outcome) -> None:
        callbacks = self._pending.pop(outcome.task_id, None)
        if callbacks is None or self._closed:
            return  # forgotten, or the window it was for has closed
        self.sig_pending_changed.emit(len(self._pending))
        on_success, on_error = callbacks
        if outcome.error is None:
            on_success(outcome.result)
            return
        error = outcome.error
        if not isinstance(error, PosError):
            log.error("background task failed", exc_info=error)
            error = PosError(f"something went wrong ({error}); the details are in the log")
        if on_error is not None:
            on_error(error)
        else:
            log.error("unhandled error from background task: %s", error.message)

    def shutdown(self) -> None:
        """Stop taking work and wait for running tasks (call on aboutToQuit)."""
        self._closed = True
        for executor in set(self._executors.values()):
            executor.shutdown(wait=True, cancel_futures=True)
