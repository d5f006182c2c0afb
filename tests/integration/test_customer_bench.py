"""The customer metrics of `pos bench` on the small data set, on SQLite and PostgreSQL:
their shape, that the typed queries find who they were typed for, and that nothing is
written to the benchmarked database."""

import random
from pathlib import Path

import pytest
from sqlalchemy import select

from pos.bench.customer_metrics import (
    CustomerSample,
    customer_panel_ms,
    customer_query,
    customer_search_ms,
    load_customer_sample,
    measure_customers,
    typed_phone,
)
from pos.bench.dataset import build_bench_dataset
from pos.bench.import_metrics import SAMPLE, import_rows_per_s
from pos.db.database import Database
from pos.db.models import AuditEntry, Customer, Product, Sale
from pos.services.customers import CustomerService
from tests.factories import make_shop, row_counts

N = 20


@pytest.fixture
def sample(database: Database) -> CustomerSample:
    build_bench_dataset(database, "small")
    return load_customer_sample(database)


def test_search_and_panel_report_p50_p95_n_and_write_nothing(
    database: Database, sample: CustomerSample
) -> None:
    before = row_counts(database, Sale, Customer, AuditEntry)
    for stats in (customer_search_ms(database, sample, N), customer_panel_ms(database, N)):
        assert set(stats) == {"p50", "p95", "n"}
        assert stats["n"] == N
        assert 0 <= stats["p50"] <= stats["p95"]
    assert row_counts(database, Sale, Customer, AuditEntry) == before


def test_phone_numbers_typed_another_way_find_their_customer(
    database: Database, sample: CustomerSample
) -> None:
    customers = CustomerService(database)
    rng = random.Random(3)
    for phone in rng.sample(sample.phones, 10):
        typed = typed_phone(phone, rng)
        assert typed != phone
        found = customers.search(typed, limit=50)
        assert found, typed
        with database.reader() as uow:
            stored = set(uow.session.scalars(
                select(Customer.phone_normalised).where(Customer.id.in_([h.id for h in found]))
            ))
        assert phone in stored, typed


def test_queries_mix_names_phones_emails_and_codes(sample: CustomerSample) -> None:
    rng = random.Random(5)
    queries = [customer_query(sample, rng) for _ in range(200)]
    assert any(query in sample.codes for query in queries)
    assert any(query.startswith("+44 ") for query in queries)
    assert any(query.isdigit() and len(query) == 6 for query in queries)
    assert any(any(email.startswith(query) for email in sample.emails) for query in queries
               if "@" not in query and "." in query)
    assert 0 < sum(len(query) <= 2 for query in queries) < len(queries) // 4


@pytest.mark.parametrize("backend", ["sqlite"])
def test_the_import_rate_is_measured_in_a_shop_of_its_own(
    database: Database, tmp_path: Path
) -> None:
    make_shop(database)
    small = tmp_path / "sample.csv"
    small.write_text("".join(SAMPLE.read_text(encoding="utf-8").splitlines(True)[:501]),
                     encoding="utf-8")
    stats = import_rows_per_s(2, small)
    assert stats["n"] == 2
    assert 0 < stats["p95"] <= stats["p50"]  # p95 is the slow end of a rate
    assert row_counts(database, Sale, Customer, Product) == {"sale": 0, "customer": 0,
                                                              "product": 0}


def test_a_database_without_customers_skips_search_and_panel(
    database: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_shop(database)
    monkeypatch.setattr("pos.bench.customer_metrics.import_rows_per_s",
                        lambda runs: {"p50": 1, "p95": 1, "n": runs})
    result = measure_customers(database, "small")
    assert set(result.metrics) == {"import_rows_per_s"}
    assert set(result.skipped) == {"customer_search_ms", "customer_panel_ms"}
