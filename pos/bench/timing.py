"""Timing for `pos bench`: one helper that times an action per input, and the summary."""

import statistics
import time
from collections.abc import Callable, Iterable
from typing import TypeVar

Stats = dict[str, float | int]
"""A metric as CONTRACTS.md prints it: {"p50": ..., "p95": ..., "n": ...}."""

T = TypeVar("T")


def timed_ms(action: Callable[[T], object], inputs: Iterable[T]) -> list[float]:
    """Wall time in milliseconds of `action(item)` for each item, in order.

    Prepare the inputs beforehand: only the call itself is timed.
    """
    samples = []
    for item in inputs:
        started = time.perf_counter()
        action(item)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def percentiles(samples: list[float]) -> Stats:
    """p50 and p95 (nearest rank) of the samples, rounded to 0.1 ms."""
    ordered = sorted(samples)
    p95_index = max(0, min(len(ordered) - 1, round(0.95 * len(ordered) + 0.5) - 1))
    return {
        "p50": round(statistics.median(ordered), 1),
        "p95": round(ordered[p95_index], 1),
        "n": len(ordered),
    }


def measure(action: Callable[[T], object], inputs: Iterable[T]) -> Stats:
    """`percentiles` of `timed_ms`: the metric for `action` over `inputs`."""
    return percentiles(timed_ms(action, inputs))
