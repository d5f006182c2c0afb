"""The benchmark data set (small size): exact counts and a consistent history."""

from datetime import UTC, datetime, timedelta

import pytest

from pos.bench.dataset import build_bench_dataset
from pos.db.database import Database
from pos.db.repositories import ShopRepository
from pos.domain.errors import UserError
from tests.factories import make_shop
from tests.integration.history_checks import (
    check_barcodes,
    check_customer_stats,
    check_receipts_gapless,
    check_sales_add_up,
    check_shifts,
    check_times,
)

NOW = datetime(2026, 6, 15, 12, 0, tzinfo=UTC)
SMALL = {"products": 2_000, "customers": 1_000, "sales": 5_000, "sale_lines": 20_000}


def clock() -> datetime:
    return NOW


def test_small_data_set_has_exact_counts_and_a_consistent_history(database: Database) -> None:
    counts = build_bench_dataset(database, "small", clock)
    assert counts == SMALL
    with database.reader() as uow:
        session = uow.session
        repo = ShopRepository(uow.session)
        assert repo.data_counts() == SMALL
        shop = repo.shop()
        assert shop is not None
        assert shop.is_demo
        assert [user.name for user in repo.active_users()] == ["Alex", "Owner", "Sam"]
        assert check_receipts_gapless(session) == SMALL["sales"]
        check_sales_add_up(session)
        check_customer_stats(session)
        check_shifts(session)
        check_barcodes(session)
        check_times(session, earliest=NOW - timedelta(days=367), latest=NOW)


def test_unknown_size_is_refused_before_writing(database: Database) -> None:
    with pytest.raises(UserError, match="unknown benchmark size 'huge'"):
        build_bench_dataset(database, "huge", clock)
    with database.reader() as uow:
        assert ShopRepository(uow.session).shop() is None


def test_a_database_with_a_shop_is_refused(database: Database) -> None:
    make_shop(database, name="Real Shop")
    with pytest.raises(UserError, match="already holds the shop 'Real Shop'"):
        build_bench_dataset(database, "small", clock)
    with database.reader() as uow:
        assert ShopRepository(uow.session).data_counts()["products"] == 0
