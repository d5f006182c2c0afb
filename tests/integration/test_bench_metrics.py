"""The checkout metrics of `pos bench` on the small data set, on SQLite and PostgreSQL.

Checked: the metrics' shape, that benchmark sales land only where they may (a demo
shop, or a copy of the data set) and never in a named shop that is not a demo, and
that the raw-sqlite baseline writes whole sales.
"""

import random
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pos.bench.checkout_metrics import (
    NOT_DEMO,
    RATIO,
    SALE_LINES,
    CatalogueSample,
    commit_metrics,
    load_catalogue_sample,
    measure_checkout,
    plan_sales,
    product_search_ms,
    raw_commit_samples,
    sale_commit_samples,
    scan_to_cart_ms,
    scratch_copy,
    search_query,
    sqlite_path,
)
from pos.bench.dataset import build_bench_dataset
from pos.bench.timing import Stats, percentiles
from pos.db.database import Database
from pos.db.models import Payment, Register, Sale, SaleLine, Shift
from pos.db.repositories import ShopRepository
from pos.domain.errors import UserError
from tests.factories import make_shop, row_counts

N = 20
SQLITE_ONLY = pytest.mark.parametrize("backend", ["sqlite"])


@pytest.fixture
def sample(database: Database) -> CatalogueSample:
    """The small benchmark data set in `database`, and what the metrics pick from."""
    build_bench_dataset(database, "small")
    return load_catalogue_sample(database)


def sales_rows(database: Database) -> dict[str, int]:
    return row_counts(database, Sale, SaleLine, Payment)


def written(n: int) -> dict[str, int]:
    """The rows `n` benchmark sales add."""
    return {"sale": n, "sale_line": n * SALE_LINES, "payment": n}


def added(after: dict[str, int], before: dict[str, int]) -> dict[str, int]:
    return {table: after[table] - before[table] for table in after}


def check_stats(stats: Stats, n: int) -> None:
    assert set(stats) == {"p50", "p95", "n"}
    assert stats["n"] == n
    assert 0 <= stats["p50"] <= stats["p95"]


def test_scan_and_search_report_p50_p95_n(database: Database, sample: CatalogueSample) -> None:
    before = sales_rows(database)
    check_stats(scan_to_cart_ms(database, sample, N), N)
    check_stats(product_search_ms(database, sample, N), N)
    assert sales_rows(database) == before


def test_search_queries_mix_prefixes_middles_and_stubs() -> None:
    names = ("Red Retrospot Mug", "Jumbo Pink Polkadot Lunch Bag")
    rng = random.Random(1)
    queries = [search_query(rng.choice(names), rng) for _ in range(300)]
    assert all(any(query in name for name in names) for query in queries)
    assert {len(query) for query in queries} == {1, 2, 3, 4, 5, 6}
    typed = [query for query in queries if len(query) >= 3]
    prefixes = [query for query in typed if any(name.startswith(query) for name in names)]
    assert 0 < len(prefixes) < len(typed)  # prefixes and pieces from the middle
    assert 0 < len(queries) - len(typed) < len(queries) // 4  # a stub now and then


def test_sale_commit_completes_n_whole_sales(database: Database, sample: CatalogueSample) -> None:
    before = sales_rows(database)
    plan = plan_sales(database, sample, N)
    samples = sale_commit_samples(database, plan)
    check_stats(percentiles(samples), N)
    assert added(sales_rows(database), before) == written(N)
    with database.reader() as uow:
        uuids = set(uow.session.scalars(select(Sale.uuid)))
    assert {request.uuid for request in plan.requests} <= uuids


def test_a_named_demo_shop_takes_the_benchmark_sales(
    database: Database, sample: CatalogueSample, backend: str
) -> None:
    before = sales_rows(database)
    result = commit_metrics(database, sample, N, named=True)
    check_stats(result.metrics["sale_commit_ms"], N)
    if backend == "sqlite":  # the raw baseline wrote its own N sales too
        assert added(sales_rows(database), before) == written(2 * N)
        assert result.ratios[RATIO] > 0
        assert result.ratios[RATIO] == round(result.ratios[RATIO], 2)
        assert result.skipped == {}
    else:
        assert added(sales_rows(database), before) == written(N)
        assert result.ratios == {}
        assert set(result.skipped) == {RATIO}


def test_a_named_shop_that_is_not_a_demo_gets_no_benchmark_sales(
    database: Database, sample: CatalogueSample
) -> None:
    with database.writer() as uow:
        shop = ShopRepository(uow.session).shop()
        assert shop is not None
        shop.is_demo = False
        uow.commit()
    before = row_counts(database, Sale, SaleLine, Payment, Shift)
    result = commit_metrics(database, sample, N, named=True)
    assert result.metrics == {}
    assert result.ratios == {}
    assert result.skipped == {"sale_commit_ms": NOT_DEMO, RATIO: NOT_DEMO}
    assert row_counts(database, Sale, SaleLine, Payment, Shift) == before


def test_a_shop_without_products_is_refused_before_writing(database: Database) -> None:
    make_shop(database, demo=True)
    before = row_counts(database, Sale, Shift)
    with pytest.raises(UserError, match="at least 10 active products"):
        measure_checkout(database, "small", named=True)
    assert row_counts(database, Sale, Shift) == before


@SQLITE_ONLY
def test_the_cached_data_set_is_benchmarked_on_a_copy(
    database: Database, sample: CatalogueSample
) -> None:
    path = sqlite_path(database)
    assert path is not None
    before = sales_rows(database)
    result = commit_metrics(database, sample, N, named=False)
    check_stats(result.metrics["sale_commit_ms"], N)
    assert result.ratios[RATIO] > 0
    assert sales_rows(database) == before
    assert _leftovers(path) == []


@SQLITE_ONLY
def test_a_copy_takes_the_sales_and_is_deleted_afterwards(
    database: Database, sample: CatalogueSample
) -> None:
    path = sqlite_path(database)
    assert path is not None
    before = sales_rows(database)
    with scratch_copy(database) as copy:
        copied_path = sqlite_path(copy)
        assert copied_path is not None
        assert copied_path != path
        assert sales_rows(copy) == before
        sale_commit_samples(copy, plan_sales(copy, sample, N))
        assert added(sales_rows(copy), before) == written(N)
    assert not copied_path.parent.exists()
    assert sales_rows(database) == before


@SQLITE_ONLY
def test_the_raw_baseline_writes_whole_numbered_sales(
    database: Database, sample: CatalogueSample
) -> None:
    path = sqlite_path(database)
    assert path is not None
    plan = plan_sales(database, sample, N)
    before = sales_rows(database)
    last_receipt = _last_receipt_seq(database)
    samples = raw_commit_samples(path, plan)
    assert len(samples) == N
    assert added(sales_rows(database), before) == written(N)
    assert _last_receipt_seq(database) == last_receipt + N
    with database.reader() as uow:
        session = uow.session
        raw = session.scalars(select(Sale).order_by(Sale.id.desc()).limit(N)).all()
        assert sorted(sale.receipt_seq for sale in raw) == list(
            range(last_receipt + 1, last_receipt + N + 1)
        )
        for sale in raw:
            assert sale.shift_id == plan.shift_id
            assert sale.completed_at.tzinfo is not None  # read back as the app writes it
            lines_total = session.scalar(
                select(func.sum(SaleLine.total_minor)).where(SaleLine.sale_id == sale.id)
            )
            paid = session.scalar(
                select(func.sum(Payment.amount_minor)).where(Payment.sale_id == sale.id)
            )
            assert lines_total == paid == sale.total_minor


def _last_receipt_seq(database: Database) -> int:
    with database.reader() as uow:
        return int(uow.session.scalars(select(Register.last_receipt_seq)).one())


def _leftovers(path: Path) -> list[Path]:
    return [entry for entry in path.parent.iterdir() if entry.name.startswith(".bench-copy")]
