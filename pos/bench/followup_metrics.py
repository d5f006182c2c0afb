"""`pos bench` metrics of the after-sale work: `followup_queue_ms` and `lapsed_list_ms`.

`lapsed_list_ms` only reads, so it runs on the database itself. `followup_queue_ms`
needs 2,000 open follow-ups; they are written into a scratch copy of the SQLite file
(the cached data set or a named one), never into the user's database. On PostgreSQL
the queue metric is skipped with the reason.
"""

import random
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select

from pos.bench.checkout_metrics import CheckoutMetrics, scratch_copy, sqlite_path
from pos.bench.timing import measure
from pos.db.bulk import insert_rows
from pos.db.database import Database
from pos.db.models import FollowUp, Sale
from pos.domain.clock import utc_now
from pos.domain.followups import KINDS
from pos.services.followups import FollowUpService
from pos.services.lapsed import LapsedService

SEED = 8_2026
QUEUE_ITEMS = 2_000
OVERDUE_DAYS = 30
"""Open items are due over the last month up to today: all of them are in the queue."""
LAPSED_LIMIT = 100
NEEDS_SQLITE = "the 2,000 follow-ups are written into a copy of a SQLite file; this is not one"


@dataclass(frozen=True)
class Runs:
    queue: int
    lapsed: int


RUNS = {"small": Runs(queue=50, lapsed=10), "large": Runs(queue=200, lapsed=20)}


def measure_followups(database: Database, size: str) -> CheckoutMetrics:
    """Both metrics on `database` (the queue on a scratch copy with 2,000 open items)."""
    runs = RUNS[size]
    result = CheckoutMetrics({"lapsed_list_ms": lapsed_list_ms(database, runs.lapsed)})
    if sqlite_path(database) is None:
        result.skipped["followup_queue_ms"] = NEEDS_SQLITE
        return result
    with scratch_copy(database) as copy:
        today = FollowUpService(copy).today()
        add_open_follow_ups(copy, today, QUEUE_ITEMS)
        result.metrics["followup_queue_ms"] = followup_queue_ms(copy, today, runs.queue)
    return result


def lapsed_list_ms(database: Database, n: int) -> dict[str, float | int]:
    """The win-back list of the `LAPSED_LIMIT` most valuable lapsed customers."""
    service = LapsedService(database)
    today = FollowUpService(database).today()
    return measure(lambda _: service.lapsed(today, LAPSED_LIMIT), range(n))


def followup_queue_ms(database: Database, today: date, n: int) -> dict[str, float | int]:
    """Opening the queue: every open item due by today, with customers and lines."""
    service = FollowUpService(database)
    return measure(lambda _: service.queue(today), range(n))


def add_open_follow_ups(database: Database, today: date, count: int, seed: int = SEED) -> int:
    """`count` open follow-ups about sales with a customer, due over the last month."""
    rng = random.Random(seed)
    now = utc_now()
    with database.writer() as uow:
        sales = uow.session.execute(
            select(Sale.id, Sale.customer_id)
            .where(Sale.customer_id.is_not(None), Sale.kind == "sale")
            .order_by(Sale.id)
        ).all()
        if not sales:
            raise ValueError("the data set has no sales with a customer to follow up")
        rows = [
            {"customer_id": customer_id, "sale_id": sale_id, "kind": rng.choice(KINDS),
             "due_on": today - timedelta(days=rng.randrange(OVERDUE_DAYS)),
             "note": "Check the item works", "owner_id": None, "source": "bench",
             "source_id": None, "status": "open", "outcome": "", "outcome_note": "",
             "created_by_id": None, "created_at": now, "done_at": None}
            for sale_id, customer_id in (rng.choice(sales) for _ in range(count))
        ]
        written = insert_rows(uow.session, FollowUp, rows)
        uow.commit()
    return written
