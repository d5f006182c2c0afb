"""`import_rows_per_s`: the Online Retail sample (30,000 rows) imported as a shop's history.

Each run imports into a new, empty SQLite shop in a temporary directory (the target is
set on SQLite: the sample in under 6 s), never into the benchmarked database. Reported
like the other metrics, as p50 and p95 over the runs, in rows per second: p95 is the
slow end (the rate of the 95th-percentile duration).
"""

import tempfile
import time
from pathlib import Path

from pos.bench.timing import Stats, percentiles
from pos.config import sqlite_url
from pos.db.database import Database
from pos.db.engine import create_database_engine
from pos.db.migrate import upgrade_database
from pos.services.demo import DEMO_CSV
from pos.services.importing.service import ImportOptions, ImportService
from pos.services.shop_setup import NewShop, ShopSetupService

SAMPLE = DEMO_CSV
"""`resources/demo/online_retail_sample.csv`, the same file as `../shared/data/`'s."""


def import_rows_per_s(runs: int, sample: Path = SAMPLE) -> Stats:
    durations, rows = [], 0
    for _ in range(runs):
        seconds, rows = timed_import(sample)
        durations.append(seconds * 1000)
    stats = percentiles(durations)
    return {
        "p50": round(rows / (stats["p50"] / 1000)),
        "p95": round(rows / (stats["p95"] / 1000)),
        "n": runs,
    }


def timed_import(sample: Path) -> tuple[float, int]:
    """Seconds to import `sample` (online-retail sales) into a new shop, and its rows."""
    with tempfile.TemporaryDirectory(prefix="pos-bench-import-") as directory:
        folder = Path(directory)
        url = sqlite_url(folder / "import.sqlite3")
        upgrade_database(url, folder / "backups")
        database = Database.on(create_database_engine(url))
        try:
            ShopSetupService(database, "1").create_shop(NewShop("Import bench", "Owner", "9999"))
            options = ImportOptions("sales", sample, "online-retail",
                                    rejects_path=folder / "rejects.csv")
            started = time.perf_counter()
            summary = ImportService(database).run(options)
            seconds = time.perf_counter() - started
        finally:
            database.close()
    return seconds, summary.rows
