"""`pos bench` metrics of knowing the customer: `customer_search_ms`, `customer_panel_ms`
and `import_rows_per_s` (`pos.bench.import_metrics`).

Search and panel only read, so they run on the database itself. Search queries are
typed as a cashier types them: one or two letters, the start or a piece of a name, a
phone number written differently from how it is stored (with or without the country
code, spaced, or just its last digits), the start of an e-mail address, a customer
code. The panel is opened for the customers with the most visits (hundreds each in
the large data set).
"""

import random
from dataclasses import dataclass

from sqlalchemy import select

from pos.bench.checkout_metrics import CheckoutMetrics, search_query
from pos.bench.import_metrics import import_rows_per_s
from pos.bench.timing import Stats, measure
from pos.db.database import Database
from pos.db.models import Customer, CustomerStats
from pos.services.customers import CustomerService

SEED = 6_2026
QUERY_KINDS = ("name", "phone", "email", "code")
QUERY_WEIGHTS = (60, 20, 10, 10)
"""Names as products are searched (`search_query`): a stub, a start or a middle piece."""
REGULARS = 20
"""The panel is measured on this many customers, those with the most visits."""
NO_CUSTOMERS = "the database has no customers to search"


@dataclass(frozen=True)
class Runs:
    search: int
    panel: int
    imports: int


RUNS = {"small": Runs(search=200, panel=100, imports=1),
        "large": Runs(search=300, panel=200, imports=3)}


@dataclass(frozen=True)
class CustomerSample:
    names: tuple[str, ...]
    phones: tuple[str, ...]
    """E.164, as stored."""
    emails: tuple[str, ...]
    codes: tuple[str, ...]


def measure_customers(database: Database, size: str) -> CheckoutMetrics:
    runs = RUNS[size]
    result = CheckoutMetrics({"import_rows_per_s": import_rows_per_s(runs.imports)})
    sample = load_customer_sample(database)
    if not sample.names:
        result.skipped.update(customer_search_ms=NO_CUSTOMERS, customer_panel_ms=NO_CUSTOMERS)
        return result
    result.metrics["customer_search_ms"] = customer_search_ms(database, sample, runs.search)
    result.metrics["customer_panel_ms"] = customer_panel_ms(database, runs.panel)
    return result


def load_customer_sample(database: Database) -> CustomerSample:
    with database.reader() as uow:
        rows = uow.session.execute(
            select(Customer.name, Customer.phone_normalised, Customer.email, Customer.code)
            .where(Customer.erased_at.is_(None))
            .order_by(Customer.id)
        ).all()
    return CustomerSample(
        names=tuple(name for name, *_ in rows),
        phones=tuple(phone for _, phone, _, _ in rows if phone),
        emails=tuple(email for *_, email, _ in rows if email),
        codes=tuple(code for *_, code in rows if code),
    )


def customer_search_ms(
    database: Database, sample: CustomerSample, n: int, seed: int = SEED
) -> Stats:
    rng = random.Random(seed)
    queries = [customer_query(sample, rng) for _ in range(n)]
    return measure(CustomerService(database).search, queries)


def customer_query(sample: CustomerSample, rng: random.Random) -> str:
    """One query of a kind drawn by `QUERY_WEIGHTS` (falling back to a name)."""
    kind = rng.choices(QUERY_KINDS, QUERY_WEIGHTS)[0]
    if kind == "phone" and sample.phones:
        return typed_phone(rng.choice(sample.phones), rng)
    if kind == "email" and sample.emails:
        email = rng.choice(sample.emails)
        return email[: rng.randint(4, max(4, email.index("@")))]
    if kind == "code" and sample.codes:
        return rng.choice(sample.codes)
    return search_query(rng.choice(sample.names), rng)


def typed_phone(e164: str, rng: random.Random) -> str:
    """A British E.164 number as someone might type it: "07700 900123", "+44 7700 900 123",
    "7700900123" or just "900123"."""
    national = "0" + e164.removeprefix("+44")
    return rng.choice((
        f"{national[:5]} {national[5:]}",
        f"+44 {national[1:5]} {national[5:8]} {national[8:]}",
        national[1:],
        national[-6:],
    ))


def customer_panel_ms(database: Database, n: int) -> Stats:
    """The panel of the `REGULARS` customers with the most visits, in turn."""
    with database.reader() as uow:
        regulars = list(uow.session.scalars(
            select(CustomerStats.customer_id)
            .order_by(CustomerStats.visits.desc(), CustomerStats.customer_id)
            .limit(REGULARS)
        ))
    customers = CustomerService(database)
    today = customers.today()
    return measure(lambda customer_id: customers.panel(customer_id, today),
                   [regulars[i % len(regulars)] for i in range(n)] if regulars else [])
