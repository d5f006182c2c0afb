"""`pos bench` metrics of the owner reports (CONTRACTS.md).

- `z_report_ms`: the Z report PDF of the busiest shift in the data set (the day with
  the most sales), written through `ReportService` as `pos report z` does.
- `sales_report_year_pdf_ms`: the sales report PDF of the last year of data, in a
  process of its own (`pos.bench.report_child`), which also gives
- `report_peak_rss_mb`: that process's peak resident memory (interpreter, libraries and
  the year's report together).

Reports only read: any database may be measured.
"""

import json
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from pos.bench.checkout_metrics import CheckoutMetrics
from pos.bench.timing import measure, percentiles
from pos.db.database import Database
from pos.db.models import Register, Sale, Shift, Shop
from pos.domain.errors import EnvironmentProblemError
from pos.services.reports import ReportRequest, ReportService

Z_RUNS = 5
YEAR_RUNS = 3
YEAR_DAYS = 365
CHILD_TIMEOUT_S = 600
NO_SHIFT = "the database has no closed shift with sales"


def measure_reports(database: Database) -> CheckoutMetrics:
    with tempfile.TemporaryDirectory(prefix="pos-bench-reports-") as folder:
        out = Path(folder)
        result = CheckoutMetrics()
        busiest = busiest_shift_day(database)
        if busiest is None:
            result.skipped["z_report_ms"] = NO_SHIFT
        else:
            day, register_code = busiest
            service = ReportService(database)
            request = ReportRequest("z", day, day, register_code)
            result.metrics["z_report_ms"] = measure(
                lambda number: service.write(request, out / f"z-{number}.pdf"), range(Z_RUNS)
            )
        last = last_sale_day(database)
        if last is None:
            result.skipped["sales_report_year_pdf_ms"] = "the database has no sales"
            return result
        samples, peak = year_report_in_child(database, last, out)
        result.metrics["sales_report_year_pdf_ms"] = percentiles(samples)
        result.metrics["report_peak_rss_mb"] = {"p50": peak, "p95": peak, "n": 1}
        return result


def _zone(database: Database) -> ZoneInfo:
    with database.reader() as uow:
        name = uow.session.scalar(select(Shop.timezone)) or "UTC"
    return ZoneInfo(name)


def busiest_shift_day(database: Database) -> tuple[date, str] | None:
    """The day (shop time) and register of the closed shift with the most sales."""
    with database.reader() as uow:
        row = uow.session.execute(
            select(Shift.opened_at, Register.code)
            .join(Sale, Sale.shift_id == Shift.id)
            .join(Register, Register.id == Shift.register_id)
            .where(Shift.closed_at.is_not(None))
            .group_by(Shift.id, Shift.opened_at, Register.code)
            .order_by(func.count().desc(), Shift.id)
            .limit(1)
        ).first()
    if row is None:
        return None
    return row[0].astimezone(_zone(database)).date(), str(row[1])


def last_sale_day(database: Database) -> date | None:
    with database.reader() as uow:
        last = uow.session.scalar(select(func.max(Sale.completed_at)))
    return None if last is None else last.astimezone(_zone(database)).date()


def year_report_in_child(database: Database, last: date, out: Path) -> tuple[list[float], float]:
    """Milliseconds of each run of the year's sales report, and the child's peak MiB."""
    first = last - timedelta(days=YEAR_DAYS - 1)
    url = database.engine.url.render_as_string(hide_password=False)
    process = subprocess.run(
        [sys.executable, "-m", "pos.bench.report_child", url, first.isoformat(),
         last.isoformat(), str(out), str(YEAR_RUNS)],
        capture_output=True, text=True, timeout=CHILD_TIMEOUT_S, check=False,
    )
    if process.returncode != 0:
        raise EnvironmentProblemError(
            f"the year's sales report failed in the benchmark: {process.stderr.strip()[-300:]}"
        )
    result = json.loads(process.stdout.strip().splitlines()[-1])
    return [float(sample) for sample in result["samples_ms"]], float(result["peak_rss_mb"])
