"""The follow-up queue as a read model: items with who, why and the lines they are about.

Two queries whatever the queue's length: the items (joined to their customer, owner,
sale and quotation; served by the index on (status, due_on)), then every line of the
sales and quotations they name, in one UNION ALL. Rows go straight into the domain's
frozen dataclasses, without ORM objects.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    and_,
    bindparam,
    literal,
    literal_column,
    or_,
    select,
    union_all,
)
from sqlalchemy.orm import Session, aliased

from pos.db.models import Customer, FollowUp, Quotation, QuotationLine, Sale, SaleLine, User
from pos.domain.followups import FollowUpItem, WhyLine

_OWNER = aliased(User)
_ITEM_COLUMNS = (
    FollowUp.id, FollowUp.due_on, FollowUp.kind, FollowUp.note, FollowUp.status,
    FollowUp.outcome, FollowUp.source, FollowUp.customer_id,
    Customer.name.label("customer_name"), Customer.phone, Customer.email, FollowUp.owner_id,
    _OWNER.name.label("owner_name"), FollowUp.sale_id, Sale.receipt_number,
    Quotation.id.label("quotation_id"), Quotation.number.label("quotation_number"),
    FollowUp.created_at,
)
_ITEMS = (
    select(*_ITEM_COLUMNS)
    .outerjoin(Customer, Customer.id == FollowUp.customer_id)
    .outerjoin(_OWNER, _OWNER.id == FollowUp.owner_id)
    .outerjoin(Sale, Sale.id == FollowUp.sale_id)
    .outerjoin(
        Quotation, and_(FollowUp.source == "quotation", Quotation.id == FollowUp.source_id)
    )
)
_LINES = union_all(
    select(literal("sale").label("source"), SaleLine.sale_id.label("document_id"),
           SaleLine.line_no.label("line_no"), SaleLine.name, SaleLine.quantity,
           SaleLine.total_minor)
    .where(SaleLine.sale_id.in_(bindparam("sale_ids", expanding=True))),
    select(literal("quotation"), QuotationLine.quotation_id, QuotationLine.line_no,
           QuotationLine.name, QuotationLine.quantity, QuotationLine.total_minor)
    .where(QuotationLine.quotation_id.in_(bindparam("quotation_ids", expanding=True))),
).order_by(literal_column("source"), literal_column("document_id"), literal_column("line_no"))


PARTITION_ROWS = 500
"""Line rows are read in batches, so few of them are alive at once."""
LinesBySource = dict[tuple[str, int | None], tuple[WhyLine, ...]]
"""("sale" | "quotation", its id) -> its lines in order."""


@dataclass(frozen=True, slots=True)
class QueueFilter:
    """Which open follow-ups to list: due by `due_by` (None: any day), of an owner, a kind."""

    due_by: date | None = None
    due_after: date | None = None
    owner_id: int | None = None
    kind: str | None = None


def open_items(session: Session, wanted: QueueFilter) -> tuple[FollowUpItem, ...]:
    """Open follow-ups of customers not erased, the earliest due first."""
    conditions: list[ColumnElement[bool]] = [
        FollowUp.status == "open",
        or_(FollowUp.customer_id.is_(None), Customer.erased_at.is_(None)),
    ]
    if wanted.due_by is not None:
        conditions.append(FollowUp.due_on <= wanted.due_by)
    if wanted.due_after is not None:
        conditions.append(FollowUp.due_on > wanted.due_after)
    if wanted.owner_id is not None:
        conditions.append(FollowUp.owner_id == wanted.owner_id)
    if wanted.kind is not None:
        conditions.append(FollowUp.kind == wanted.kind)
    return _items(session, _ITEMS.where(*conditions).order_by(FollowUp.due_on, FollowUp.id))


def item(session: Session, follow_up_id: int) -> FollowUpItem | None:
    """One follow-up, whatever its status."""
    found = _items(session, _ITEMS.where(FollowUp.id == follow_up_id))
    return found[0] if found else None


def _items(session: Session, query: Select[*tuple[Any, ...]]) -> tuple[FollowUpItem, ...]:
    rows = session.connection().execute(query).all()
    lines = _why_lines(
        session,
        {row.sale_id for row in rows if row.sale_id is not None},
        {row.quotation_id for row in rows if row.quotation_id is not None},
    )
    return tuple(_item(row, lines) for row in rows)


def _item(row: Sequence[Any], lines: LinesBySource) -> FollowUpItem:
    # Unpacked by position (in `_ITEM_COLUMNS` order): by name costs more than the rest
    # of the queue's Python with 2,000 items.
    (follow_up_id, due, kind, note, status, outcome, source, customer_id, customer_name,
     phone, email, owner_id, owner_name, sale_id, receipt_number, quotation_id,
     quotation_number, created_at) = row
    why = ("quotation", quotation_id) if quotation_id is not None else ("sale", sale_id)
    return FollowUpItem(
        follow_up_id, due, kind, note, status, outcome, source, customer_id,
        customer_name or "", phone or "", email or "", owner_id, owner_name or "", sale_id,
        receipt_number or "", quotation_id, quotation_number or "", lines.get(why, ()),
        created_at,
    )


def _why_lines(session: Session, sale_ids: set[int], quotation_ids: set[int]) -> LinesBySource:
    """Each sale's and quotation's lines, built as tuples straight from the ordered rows."""
    if not (sale_ids or quotation_ids):
        return {}
    result = session.connection().execute(
        _LINES, {"sale_ids": list(sale_ids), "quotation_ids": list(quotation_ids)}
    )
    rows = (row for batch in result.partitions(PARTITION_ROWS) for row in batch)
    return {
        key: tuple(WhyLine(name, quantity, total) for _, _, _, name, quantity, total in group)
        for key, group in groupby(rows, key=itemgetter(0, 1))
    }
