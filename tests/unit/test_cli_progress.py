"""The import's progress bar: drawn on a terminal, silent when stderr is a file or pipe."""

import io
import time

import pytest

from pos.cli.progress import TerminalProgress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_bar_per_stage_on_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = iter(float(n) for n in range(100))
    monkeypatch.setattr(time, "monotonic", lambda: next(clock))
    screen = Terminal()
    bar = TerminalProgress(screen)
    bar("products", 1_500, 3_000)
    bar("products", 3_000, 3_000)
    bar("sales", 30_000, 30_000)
    bar.close()
    lines = screen.getvalue().split("\n")
    assert lines[0].endswith("products   [" + "#" * 30 + "] 100% 3,000/3,000")
    assert "\rproducts   [" + "#" * 15 + "-" * 15 + "]  50% 1,500/3,000" in lines[0]
    assert lines[1] == "\rsales      [" + "#" * 30 + "] 100% 30,000/30,000"
    assert lines[2] == ""


def test_nothing_is_drawn_when_stderr_is_not_a_terminal() -> None:
    piped = io.StringIO()
    bar = TerminalProgress(piped)
    bar("sales", 1, 2)
    bar.close()
    assert piped.getvalue() == ""
