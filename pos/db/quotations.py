"""Quotations and their lines; the per-register quotation counter. Never commits.

The counter is one upsert (`INSERT ... ON CONFLICT DO UPDATE ... RETURNING`, SQLite
3.35+ and PostgreSQL): its row stays locked until the quotation's transaction ends,
so numbers are gapless per register and a rolled-back quotation gives its number back.
"""

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql.dml import ReturningInsert

from pos.db.bulk import table_of
from pos.db.models import Customer, Quotation, QuotationCounter, QuotationLine, Register, Sale
from pos.domain.quotations import QuotationStatus

_COUNTER = table_of(QuotationCounter)


class QuotationRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def take_number(self, register_code: str) -> tuple[int, int] | None:
        """(register id, next quotation sequence) of the register, or None if unknown."""
        register_id = self.session.scalar(select(Register.id).where(Register.code == register_code))
        if register_id is None:
            return None
        statement = _next_number(self.session.get_bind().dialect.name, register_id)
        return register_id, int(self.session.execute(statement).scalar_one())

    def add(self, quotation: Quotation, lines: Sequence[QuotationLine]) -> None:
        self.session.add(quotation)
        self.session.flush()
        for line in lines:
            line.quotation_id = quotation.id
        self.session.add_all(lines)
        self.session.flush()

    def get(self, quotation_id: int, *, lock: bool = False) -> Quotation | None:
        query = select(Quotation).where(Quotation.id == quotation_id)
        return self.session.scalars(query.with_for_update() if lock else query).one_or_none()

    def by_number(self, number: str) -> Quotation | None:
        return self.session.scalars(
            select(Quotation).where(Quotation.number == number)
        ).one_or_none()

    def not_converted_of(self, customer_id: int, limit: int) -> list[Quotation]:
        """The customer's quotations not converted yet (open or expired), newest first."""
        return list(self.session.scalars(
            select(Quotation)
            .where(Quotation.customer_id == customer_id,
                   Quotation.status != QuotationStatus.CONVERTED)
            .order_by(Quotation.id.desc())
            .limit(limit)
        ))

    def lines(self, quotation_id: int) -> list[QuotationLine]:
        return list(self.session.scalars(
            select(QuotationLine)
            .where(QuotationLine.quotation_id == quotation_id)
            .order_by(QuotationLine.line_no)
        ))

    def customer(self, customer_id: int) -> Customer | None:
        return self.session.get(Customer, customer_id)

    def sale(self, sale_id: int) -> Sale | None:
        return self.session.get(Sale, sale_id)

    def expire_due(self, today: date, now: datetime) -> int:
        """Mark open quotations whose last valid day is before `today` expired; how many."""
        result = self.session.execute(
            update(Quotation)
            .where(Quotation.status == QuotationStatus.OPEN, Quotation.valid_until < today)
            .values(status=QuotationStatus.EXPIRED.value, expired_at=now)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0) or 0)

    def open_until(self, last_day: date) -> list[tuple[Quotation, str]]:
        """Open quotations whose last valid day is `last_day` or earlier, soonest first,
        with their customer's name ("" for none)."""
        rows = self.session.execute(
            select(Quotation, Customer.name)
            .outerjoin(Customer, Customer.id == Quotation.customer_id)
            .where(Quotation.status == QuotationStatus.OPEN, Quotation.valid_until <= last_day)
            .order_by(Quotation.valid_until, Quotation.id)
        )
        return [(quotation, name or "") for quotation, name in rows]


def _next_number(dialect: str, register_id: int) -> ReturningInsert[int]:
    """Start the register's counter at 1, or add one to it, returning the new value."""
    first = {"register_id": register_id, "last_seq": 1}
    keys = [_COUNTER.c.register_id]
    bump = {"last_seq": _COUNTER.c.last_seq + 1}
    if dialect == "postgresql":
        return (postgresql.insert(_COUNTER).values(first)
                .on_conflict_do_update(index_elements=keys, set_=bump)
                .returning(_COUNTER.c.last_seq))
    return (sqlite.insert(_COUNTER).values(first)
            .on_conflict_do_update(index_elements=keys, set_=bump)
            .returning(_COUNTER.c.last_seq))
