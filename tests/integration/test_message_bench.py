"""`thankyou_pick_ms` on the small data set: its shape, that the picks are personal (the
owner's variants, in turn), and that the measured database is never written to."""

import pytest
from sqlalchemy import select

from pos.bench.dataset import build_bench_dataset
from pos.bench.message_metrics import (
    NEEDS_SQLITE,
    OWNER_DEFAULTS,
    REGULARS,
    RUNS,
    load_regulars,
    measure_messages,
    thankyou_pick_ms,
)
from pos.db.database import Database
from pos.db.models import MessageTemplate, ThankYouSent
from pos.services.messages import MessageService
from tests.factories import row_counts


@pytest.fixture
def small(database: Database) -> Database:
    build_bench_dataset(database, "small")
    return database


def test_the_metric_leaves_the_measured_database_untouched(small: Database, backend: str) -> None:
    result = measure_messages(small, "small")

    if backend == "sqlite":
        picked = result.metrics["thankyou_pick_ms"]
        assert picked["n"] == RUNS["small"]
        assert 0 < picked["p50"] <= picked["p95"]
        assert result.skipped == {}
    else:
        assert result.skipped == {"thankyou_pick_ms": NEEDS_SQLITE}
    assert row_counts(small, ThankYouSent, MessageTemplate) == {
        "thank_you_sent": 0, "message_template": 0}


def test_the_picks_are_for_customers_with_a_long_history(small: Database) -> None:
    regulars = load_regulars(small)
    assert len(regulars) == REGULARS
    visits = [regular.visits for regular in regulars]
    assert visits == sorted(visits, reverse=True)
    assert visits[0] > 10
    MessageService(small).save_template("default", "en", OWNER_DEFAULTS)

    assert thankyou_pick_ms(small, regulars, 2 * REGULARS)["n"] == 2 * REGULARS
    with small.reader() as uow:
        said = uow.session.execute(select(ThankYouSent.customer_id, ThankYouSent.text)
                                   .order_by(ThankYouSent.id)).all()
    assert len(said) == 2 * REGULARS
    for customer_id, _ in said[:REGULARS]:
        first, second = (text for who, text in said if who == customer_id)
        assert first != second
