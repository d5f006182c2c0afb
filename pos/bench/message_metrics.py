"""`pos bench` metric of the personal thank-you: `thankyou_pick_ms`.

What the till does after each sale with a customer, timed whole: read their panel (visits,
usual products over a long history, last sales), the owner's templates, rule order and
the variant they got last time, pick the occasion and a different variant, render it
with Babel, and record it. It runs for the `REGULARS` customers with the most visits,
in turn, against their latest sale, with the owner's own three-variant default message
saved (so the stored-template path is the one measured). Recording writes a row per
pick, so it runs on a scratch copy of the SQLite file; on PostgreSQL it is skipped.
"""

from dataclasses import dataclass

from sqlalchemy import func, select

from pos.bench.checkout_metrics import CheckoutMetrics, scratch_copy, sqlite_path
from pos.bench.timing import measure
from pos.db.database import Database
from pos.db.models import CustomerStats, Sale
from pos.db.repositories import ShopRepository
from pos.domain.clock import utc_now
from pos.services.checkout import CompletedSale
from pos.services.customers import CustomerService
from pos.services.messages import MessageService
from pos.services.thank_you import ThankYouService

REGULARS = 20
RUNS = {"small": 200, "large": 300}
OWNER_DEFAULTS = (
    "Thank you, {{ first_name }}! See you soon at {{ shop }}.\n"
    "Always a pleasure, {{ name }}: that was visit {{ visit_count }}.\n"
    "Thanks for coming in, {{ first_name }}; enjoy your {{ last_product }}."
)
NEEDS_SQLITE = "each pick records a row, written into a copy of a SQLite file; this is not one"
NO_CUSTOMER_SALES = "the data set has no sales with a customer"


@dataclass(frozen=True)
class Regular:
    customer_id: int
    sale_id: int
    visits: int


def measure_messages(database: Database, size: str) -> CheckoutMetrics:
    result = CheckoutMetrics({})
    if sqlite_path(database) is None:
        result.skipped["thankyou_pick_ms"] = NEEDS_SQLITE
        return result
    with scratch_copy(database) as copy:
        regulars = load_regulars(copy)
        if not regulars:
            result.skipped["thankyou_pick_ms"] = NO_CUSTOMER_SALES
            return result
        MessageService(copy).save_template("default", "en", OWNER_DEFAULTS)
        result.metrics["thankyou_pick_ms"] = thankyou_pick_ms(copy, regulars, RUNS[size])
    return result


def load_regulars(database: Database) -> list[Regular]:
    """The customers with the most visits, each with their latest sale."""
    with database.reader() as uow:
        rows = uow.session.execute(
            select(CustomerStats.customer_id, CustomerStats.visits, func.max(Sale.id))
            .join(Sale, Sale.customer_id == CustomerStats.customer_id)
            .group_by(CustomerStats.customer_id, CustomerStats.visits)
            .order_by(CustomerStats.visits.desc(), CustomerStats.customer_id)
            .limit(REGULARS)
        ).all()
    return [Regular(customer_id, sale_id, visits) for customer_id, visits, sale_id in rows]


def thankyou_pick_ms(database: Database, regulars: list[Regular], n: int) -> dict[str, float | int]:
    with database.reader() as uow:
        shop = ShopRepository(uow.session).shop()
    assert shop is not None, "the benchmark data set has a shop"
    customers = CustomerService(database)
    service = ThankYouService(customers, MessageService(database, customers=customers),
                              shop.name, shop.default_thank_you, shop.locale)
    now = utc_now()
    sales = [
        CompletedSale(id=r.sale_id, uuid="", receipt_number="", completed_at=now, cashier_id=0,
                      customer_id=r.customer_id, subtotal_minor=0, discount_minor=0,
                      tax_minor=0, total_minor=25_00, change_minor=0, lines=(), payments=())
        for r in (regulars[i % len(regulars)] for i in range(n))
    ]
    customers.today()  # the shop's facts, loaded once as the till has them
    return measure(service.pick, sales)
