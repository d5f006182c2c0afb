"""`followup_queue_ms` and `lapsed_list_ms` on the small data set: their shape, and
that the 2,000 follow-ups go into a scratch copy, never into the database measured."""

import pytest

from pos.bench.dataset import build_bench_dataset
from pos.bench.followup_metrics import (
    NEEDS_SQLITE,
    QUEUE_ITEMS,
    RUNS,
    add_open_follow_ups,
    measure_followups,
)
from pos.db.database import Database
from pos.db.models import FollowUp
from pos.services.followups import FollowUpService
from tests.factories import row_counts


@pytest.fixture
def small(database: Database) -> Database:
    build_bench_dataset(database, "small")
    return database


def test_metrics_leave_the_measured_database_untouched(small: Database, backend: str) -> None:
    result = measure_followups(small, "small")

    lapsed = result.metrics["lapsed_list_ms"]
    assert (set(lapsed), lapsed["n"]) == ({"p50", "p95", "n"}, RUNS["small"].lapsed)
    if backend == "sqlite":
        queue = result.metrics["followup_queue_ms"]
        assert queue["n"] == RUNS["small"].queue
        assert 0 <= queue["p50"] <= queue["p95"]
        assert result.skipped == {}
    else:
        assert result.skipped == {"followup_queue_ms": NEEDS_SQLITE}
    assert row_counts(small, FollowUp) == {"follow_up": 0}


def test_the_open_items_are_all_in_today_s_queue_with_their_sale_lines(small: Database) -> None:
    service = FollowUpService(small)
    today = service.today()
    assert add_open_follow_ups(small, today, QUEUE_ITEMS) == QUEUE_ITEMS
    queue = service.queue(today)
    assert len(queue) == QUEUE_ITEMS
    assert all(item.receipt_number and item.why_lines and item.customer_name for item in queue)
