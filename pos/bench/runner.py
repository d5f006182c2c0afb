"""`pos bench`: build (once) and cache a data set, then measure the till's paths.

Output follows CONTRACTS.md: size, database, python, data counts, metrics with
p50/p95/n in milliseconds, ratios, and under "skipped" each metric or ratio left
out and why (a named database that is not a demo shop gets no benchmark sales).
"""

import gc
import os
import platform
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from platformdirs import user_cache_dir

from pos.bench.checkout_metrics import measure_checkout
from pos.bench.customer_metrics import measure_customers
from pos.bench.dataset import build_bench_dataset
from pos.bench.followup_metrics import measure_followups
from pos.bench.message_metrics import measure_messages
from pos.bench.receipt_metrics import receipt_render_ms
from pos.bench.report_metrics import measure_reports
from pos.bench.timing import percentiles, timed_ms
from pos.config import APP_NAME, Settings, sqlite_url
from pos.db.database import Database
from pos.db.repositories import ShopRepository
from pos.domain.errors import EnvironmentProblemError
from pos.services.opening import open_database

STARTUP_RUNS = {"small": 5, "large": 5}
READY_LINE = re.compile(r"ready in (\d+) ms")


def bench_cache_dir(size: str) -> Path:
    root = os.environ.get("POS_BENCH_CACHE") or user_cache_dir(APP_NAME, appauthor=False)
    return Path(root) / "bench" / size


def _prepare(settings: Settings, size: str, given_database: bool) -> tuple[Settings, Database]:
    """The database to measure: the one given, or a cached data set built on first use."""
    if given_database:
        return settings, open_database(settings)
    directory = bench_cache_dir(size)
    cached = replace(
        settings,
        data_dir=directory,
        database_url=sqlite_url(directory / "pos.sqlite3"),
        database_url_given=False,
    )
    complete = directory / "complete"
    if complete.exists():
        return cached, open_database(cached)
    for leftover in directory.glob("pos.sqlite3*"):
        leftover.unlink()
    database = open_database(cached)
    build_bench_dataset(database, size)
    complete.write_text("built\n")
    return cached, database


def measure_startup(settings: Settings, runs: int) -> list[float]:
    """Wall time from spawning `pos --quit-after-ready` to its ready line, per run."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
        "POS_DATA_DIR": str(settings.data_dir),
        "POS_DATABASE_URL": settings.database_url,
    }
    return timed_ms(lambda _: _start_till(env), range(runs))


def _start_till(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    process = subprocess.run(
        [sys.executable, "-m", "pos", "--quit-after-ready"],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )
    if process.returncode != 0 or not READY_LINE.search(process.stdout):
        raise EnvironmentProblemError(
            f"the till did not start for the benchmark: {process.stderr.strip()[-300:]}"
        )
    return process


def run_benchmarks(settings: Settings, *, size: str, given_database: bool) -> dict[str, Any]:
    settings, database = _prepare(settings, size, given_database)
    gc.collect()
    gc.freeze()  # as the till does once its window is up (pos.app)
    try:
        with database.reader() as uow:
            counts = ShopRepository(uow.session).data_counts()
        backend = database.backend
        checkout = measure_checkout(database, size, named=given_database).merge(
            measure_followups(database, size)
        )
        checkout = checkout.merge(measure_reports(database))
        checkout = checkout.merge(measure_customers(database, size))
        checkout = checkout.merge(measure_messages(database, size))
    finally:
        database.close()
    metrics = {"startup_ready_ms": percentiles(measure_startup(settings, STARTUP_RUNS[size]))}
    metrics.update(checkout.metrics)
    metrics["receipt_render_ms"] = receipt_render_ms(size)
    return {
        "size": size,
        "database": backend,
        "python": platform.python_version(),
        "data": counts,
        "metrics": metrics,
        "ratios": checkout.ratios,
        "skipped": checkout.skipped,
    }
