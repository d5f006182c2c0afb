"""Running one report: progress, cancelling, and output files that appear whole or not
at all (written to a temporary file beside the target, renamed at the end)."""

import logging
import os
import secrets
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from pos.domain.errors import EnvironmentProblemError, UserError

log = logging.getLogger(__name__)

Progress = Callable[[int, str], None]
"""Called with a percentage (0-100) and what the report is doing."""

GATHERED_PERCENT = 60
"""Reading the figures is about this share of the work; laying out the pages the rest."""
PAGE_PERCENT = 2


class ReportCancelledError(UserError):
    def __init__(self) -> None:
        super().__init__("the report was cancelled; no file was written")


class ReportRun:
    """Reports progress and stops the report (`ReportCancelledError`) once `cancel` is set."""

    def __init__(self, progress: Progress | None = None, cancel: threading.Event | None = None):
        self._progress = progress
        self._cancel = cancel
        self._steps = 1
        self._done = 0
        self.pages = 0
        """How many pages the PDF has so far."""

    def plan(self, steps: int) -> None:
        """The number of `step` calls the figures take."""
        self._steps, self._done = max(1, steps), 0

    def step(self, label: str) -> None:
        """About to read one part of the figures."""
        self.check()
        self._report(GATHERED_PERCENT * min(self._done, self._steps) // self._steps, label)
        self._done += 1

    def page(self, number: int) -> None:
        """Page `number` of the PDF is laid out."""
        self.check()
        self.pages = max(self.pages, number)
        self._report(min(99, GATHERED_PERCENT + PAGE_PERCENT * number), f"page {number}")

    def finish(self) -> None:
        self._report(100, "done")

    def check(self) -> None:
        if self._cancel is not None and self._cancel.is_set():
            raise ReportCancelledError

    def _report(self, percent: int, label: str) -> None:
        if self._progress is not None:
            self._progress(percent, label)


@contextmanager
def atomic_outputs(targets: Sequence[Path]) -> Iterator[list[Path]]:
    """Temporary files beside each target, renamed onto the targets if the block succeeds
    and deleted if it fails or is cancelled.

    They are created first, so an output that cannot be written is reported before any
    work is done (`EnvironmentProblemError`, exit code 3).
    """
    if len({target.resolve() for target in targets}) < len(targets):
        raise UserError("the PDF and the CSV need different file names")
    temporaries: list[Path] = []
    try:
        for target in targets:
            temporaries.append(_temporary_beside(target))
        yield temporaries
        for temporary, target in zip(temporaries, targets, strict=True):
            _replace(temporary, target)
    finally:
        for temporary in temporaries:
            temporary.unlink(missing_ok=True)


def _temporary_beside(target: Path) -> Path:
    if target.is_dir():
        raise UserError(f"{target} is a folder; give a file name for the report")
    temporary = target.with_name(f".{target.name}.{secrets.token_hex(4)}.part")
    try:
        temporary.open("xb").close()  # created with the user's usual permissions
    except OSError as error:
        raise _cannot_write(target, error) from None
    return temporary


def _replace(temporary: Path, target: Path) -> None:
    try:
        os.replace(temporary, target)
    except OSError as error:
        raise _cannot_write(target, error) from None


def _cannot_write(target: Path, error: OSError) -> EnvironmentProblemError:
    log.warning("cannot write report %s: %s", target, error)
    return EnvironmentProblemError(
        f"cannot write {target} ({error.strerror or error}); "
        "choose a folder that exists and that you can write to"
    )
