"""Every row that points at a customer, found from the schema rather than listed by hand.

Later features add tables that name a customer (follow-ups, promises, complaints...).
Merging, erasing and exporting walk `Base.metadata` for foreign keys to `customer.id`,
so such a table is moved on a merge, removed on an erasure and exported without this
module changing. Three kinds of table are treated apart:

- `ACCOUNT_TABLES` are the shop's books (sales, vouchers, parked carts): on erasure they
  are kept and only lose the link to the person;
- `SERVICE_TABLES` are what the service review counts (complaints, follow-ups and
  promises): on erasure they are kept anonymised, without the link and without their
  free text (`SERVICE_TABLES` says which columns), so the figures of past days do not
  change; an open follow-up is cancelled, as nobody is left to call, and an open
  promise is deleted, as nobody is left to keep it for;
- `customer_stats` and `customer_tag` belong to the customer record itself and are
  handled by the customer repository.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Column, Table, case, delete, literal, select, update
from sqlalchemy.orm import Session

from pos.db.base import Base
from pos.db.complaints import COMPLAINT_FREE_TEXT

ACCOUNT_TABLES = frozenset({"sale", "voucher", "parked_sale"})
"""Kept for the accounts when a customer is erased; their customer link is cleared."""
OWN_TABLES = frozenset({"customer_stats", "customer_tag"})
"""Part of the customer record; the customer repository deals with them."""
SERVICE_TABLES: dict[str, tuple[str, ...]] = {
    "complaint": COMPLAINT_FREE_TEXT,
    "follow_up": ("note", "outcome_note"),
    "promise": ("text", "note"),
}
"""Kept for the service figures when a customer is erased: their customer link is cleared
and these free-text columns (what was said, by or about the person) are emptied."""


WORDS_ON_THEIR_SALES: dict[str, tuple[str, ...]] = {
    "sale_gift": ("recipient",),
    "visit_rating": ("word",),
}
"""Free text kept with a customer's sales that may name them or someone they know (a
present's recipient, the word given with a rating): emptied when they are erased; the
rest of the row (occasion, stars) stays for the figures."""


def forget_words_on_their_sales(session: Session, customer_id: int) -> dict[str, int]:
    """Empty `WORDS_ON_THEIR_SALES` on the customer's sales; run it before the sales lose
    their link to the customer. Returns {"sale_gift.recipient": n, ...}."""
    their_sales = select(Base.metadata.tables["sale"].c.id).where(
        Base.metadata.tables["sale"].c.customer_id == customer_id
    )
    emptied: dict[str, int] = {}
    for name, columns in WORDS_ON_THEIR_SALES.items():
        table = Base.metadata.tables[name]
        result = session.execute(
            update(table).where(table.c.sale_id.in_(their_sales))
            .values(dict.fromkeys(columns, ""))
        )
        for column in columns:
            emptied[f"{name}.{column}"] = _count(result)
    return emptied


@dataclass(frozen=True)
class Reference:
    table: Table
    column: Column[Any]

    @property
    def name(self) -> str:
        return f"{self.table.name}.{self.column.name}"


def customer_references() -> Iterator[Reference]:
    """Each (table, column) with a foreign key to `customer.id`, but the customer's own."""
    for table in Base.metadata.sorted_tables:
        if table.name in OWN_TABLES:
            continue
        for foreign_key in sorted(table.foreign_keys, key=lambda fk: fk.parent.name):
            target = foreign_key.column
            if target.table.name == "customer" and target.name == "id":
                yield Reference(table, foreign_key.parent)


def move_references(session: Session, from_id: int, to_id: int) -> dict[str, int]:
    """Point every reference to `from_id` at `to_id`; how many rows moved, per column."""
    moved: dict[str, int] = {}
    for reference in customer_references():
        result = session.execute(
            update(reference.table)
            .where(reference.column == from_id)
            .values({reference.column.name: to_id})
        )
        moved[reference.name] = _count(result)
    return moved


def release_references(
    session: Session, customer_id: int, now: datetime
) -> dict[str, int]:
    """For an erasure at `now`: unlink the accounts' rows from the customer, anonymise the
    service records, delete every other row about them (dependent tables first, so
    nothing still points at a deleted row). Returns {"sale.customer_id": n, ...} of rows
    unlinked, anonymised or deleted."""
    released: dict[str, int] = {}
    for reference in reversed(list(customer_references())):
        table, column = reference.table, reference.column
        statement: Any
        if table.name in ACCOUNT_TABLES:
            statement = update(table).where(column == customer_id).values({column.name: None})
        elif table.name in SERVICE_TABLES:
            if table.name == "promise":
                # One still open can be kept for nobody: it goes; kept and broken ones stay.
                released["promise.open_deleted"] = _count(session.execute(
                    delete(table).where(column == customer_id, table.c.status == "open")
                ))
            statement = (
                update(table).where(column == customer_id)
                .values({column.name: None, **_anonymised(table, now)})
            )
        else:
            statement = delete(table).where(column == customer_id)
        released[reference.name] = _count(session.execute(statement))
    return released


def _anonymised(table: Table, now: datetime) -> dict[str, Any]:
    """The values a service record keeps of an erased customer: its free text emptied; a
    follow-up still open is cancelled now."""
    values: dict[str, Any] = dict.fromkeys(SERVICE_TABLES[table.name], "")
    if table.name == "follow_up":
        still_open = table.c.status == "open"
        values["status"] = case((still_open, "cancelled"), else_=table.c.status)
        values["done_at"] = case(
            (still_open, literal(now, type_=table.c.done_at.type)), else_=table.c.done_at
        )
    return values


def dump_references(
    session: Session, customer_id: int, *, skip: frozenset[str]
) -> dict[str, list[dict[str, object]]]:
    """Every row that names the customer, as JSON-ready dicts, per table (tables in `skip`
    are left out: the caller exports them in its own shape)."""
    dumped: dict[str, list[dict[str, object]]] = {}
    for reference in customer_references():
        if reference.table.name in skip:
            continue
        rows = session.execute(
            select(reference.table).where(reference.column == customer_id)
            .order_by(*reference.table.primary_key.columns)
        ).mappings()
        dumped.setdefault(reference.table.name, []).extend(
            {key: json_value(value) for key, value in row.items()} for row in rows
        )
    return dumped


def as_record(row: Base, *, leave_out: frozenset[str] = frozenset()) -> dict[str, object]:
    """A mapped row's columns as a JSON-ready dict."""
    table = row.__table__
    assert isinstance(table, Table)
    return {
        column.key: json_value(getattr(row, column.key))
        for column in table.columns
        if column.key not in leave_out
    }


def _count(result: Any) -> int:
    """Rows an UPDATE or DELETE touched."""
    return int(result.rowcount or 0)


def json_value(value: object) -> object:
    """A column value as JSON can hold it: times and days in ISO 8601, the rest as is."""
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
