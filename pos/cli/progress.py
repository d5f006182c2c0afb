"""A progress bar on the terminal's stderr (nothing when stderr is not a terminal)."""

import sys
import time
from typing import TextIO

WIDTH = 30
MIN_INTERVAL_S = 0.1


class TerminalProgress:
    """Call with (stage, done, total); redraws one line, at most ten times a second."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._stream = stream or sys.stderr
        self._shown = self._stream.isatty()
        self._last = 0.0
        self._stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self._shown:
            return
        now = time.monotonic()
        finished = done >= total
        if stage == self._stage and not finished and now - self._last < MIN_INTERVAL_S:
            return
        if stage != self._stage and self._stage:
            self._stream.write("\n")
        self._stage, self._last = stage, now
        share = done / total if total else 1.0
        filled = round(WIDTH * share)
        bar = "#" * filled + "-" * (WIDTH - filled)
        self._stream.write(f"\r{stage:<10} [{bar}] {share:4.0%} {done:,}/{total:,}")
        self._stream.flush()

    def close(self) -> None:
        """End the bar's line."""
        if self._shown and self._stage:
            self._stream.write("\n")
            self._stream.flush()
