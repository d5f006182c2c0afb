"""The year's sales report, timed in a process of its own so its peak memory is its own.

`python -m pos.bench.report_child URL FROM TO FOLDER RUNS` writes the sales report
for FROM..TO RUNS times into FOLDER and prints one JSON object: the milliseconds of
each run and the process's peak resident memory (VmHWM) in MiB.
"""

import json
import resource
import sys
from datetime import date
from pathlib import Path

from pos.bench.timing import timed_ms
from pos.db.database import Database
from pos.db.engine import create_database_engine
from pos.services.reports import ReportRequest, ReportService


def peak_rss_mb() -> float:
    """The process's high-water mark of resident memory, in MiB."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)  # KiB on Linux


def main(argv: list[str]) -> int:
    url, start, end, folder, runs = argv
    database = Database.on(create_database_engine(url))
    request = ReportRequest("sales", date.fromisoformat(start), date.fromisoformat(end))
    service = ReportService(database)
    try:
        samples = timed_ms(
            lambda number: service.write(request, Path(folder) / f"sales-{number}.pdf"),
            range(int(runs)),
        )
    finally:
        database.close()
    sys.stdout.write(json.dumps({"samples_ms": samples, "peak_rss_mb": peak_rss_mb()}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
