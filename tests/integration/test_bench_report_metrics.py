"""The report metrics of `pos bench` on the small data set, on SQLite and PostgreSQL."""

import pytest

from pos.bench.dataset import build_bench_dataset
from pos.bench.report_metrics import NO_SHIFT, Z_RUNS, busiest_shift_day, measure_reports
from pos.db.database import Database
from tests.factories import fixed_clock, make_shop


def test_z_report_year_report_and_peak_memory_are_measured(database: Database) -> None:
    build_bench_dataset(database, "small", clock=fixed_clock)
    assert busiest_shift_day(database) is not None
    result = measure_reports(database)
    assert result.skipped == {}
    assert set(result.metrics) == {"z_report_ms", "sales_report_year_pdf_ms",
                                   "report_peak_rss_mb"}
    assert result.metrics["z_report_ms"]["n"] == Z_RUNS
    year = result.metrics["sales_report_year_pdf_ms"]
    assert 0 < year["p50"] <= year["p95"]
    assert 20 < result.metrics["report_peak_rss_mb"]["p50"] < 400


@pytest.mark.parametrize("backend", ["sqlite"])
def test_a_shop_without_sales_is_skipped_not_failed(database: Database) -> None:
    make_shop(database)
    result = measure_reports(database)
    assert result.metrics == {}
    assert result.skipped == {"z_report_ms": NO_SHIFT,
                              "sales_report_year_pdf_ms": "the database has no sales"}
