"""Shifts for the Z and X reports, and what a Z report shows beyond the cash-up."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos.db.models import Register, Sale, SaleLine, Shift, ShiftCashCount, VoidedLine
from pos.db.report_queries.common import Bounds, within
from pos.db.report_queries.sales import tax_rows
from pos.db.shifts import ShiftRepository
from pos.domain.report_figures import ShiftExtras, ShiftTaxes
from pos.domain.tax import summarise_taxes


def closed_shifts(session: Session, register_id: int, bounds: Bounds) -> list[Shift]:
    """The register's closed shifts opened in the period, oldest first."""
    return list(
        session.scalars(
            select(Shift)
            .where(
                Shift.register_id == register_id,
                Shift.closed_at.is_not(None),
                within(Shift.opened_at, bounds),
            )
            .order_by(Shift.opened_at, Shift.id)
        )
    )


def last_closed_shift(session: Session, register_id: int) -> Shift | None:
    return session.scalars(
        select(Shift)
        .where(Shift.register_id == register_id, Shift.closed_at.is_not(None))
        .order_by(Shift.closed_at.desc(), Shift.id.desc())
        .limit(1)
    ).first()


def open_shift(session: Session, register_id: int) -> Shift | None:
    return session.scalars(
        select(Shift).where(Shift.register_id == register_id, Shift.closed_at.is_(None))
    ).one_or_none()


def cash_counts(session: Session, shift_id: int) -> list[tuple[int, int]]:
    """(denomination, how many) as counted at the close."""
    rows = session.execute(
        select(ShiftCashCount.denomination_minor, ShiftCashCount.count).where(
            ShiftCashCount.shift_id == shift_id
        )
    )
    return [(int(denomination), int(count)) for denomination, count in rows]


def shift_extras(session: Session, shift: Shift, *, prices_include_tax: bool) -> ShiftExtras:
    """Discounts, tax per rate, the receipt range and the voided lines of a shift.

    Voided lines carry their register and time, not a shift: those of the shift's
    register while it was open are counted.
    """
    discount, first, last = session.execute(
        select(
            func.coalesce(func.sum(Sale.discount_minor).filter(Sale.kind == "sale"), 0),
            func.min(Sale.receipt_seq),
            func.max(Sale.receipt_seq),
        ).where(Sale.shift_id == shift.id)
    ).one()
    voids = select(func.count(), func.coalesce(func.sum(VoidedLine.amount_minor), 0)).where(
        VoidedLine.register_id == shift.register_id, VoidedLine.created_at >= shift.opened_at
    )
    if shift.closed_at is not None:
        voids = voids.where(VoidedLine.created_at <= shift.closed_at)
    voided_lines, voided_minor = session.execute(voids).one()
    return ShiftExtras(
        discount_minor=int(discount),
        taxes=summarise_taxes(
            tax_rows(session, Sale.shift_id == shift.id), prices_include_tax=prices_include_tax
        ),
        first_receipt=_receipt_number(session, shift.register_id, first),
        last_receipt=_receipt_number(session, shift.register_id, last),
        voided_lines=int(voided_lines),
        voided_minor=int(voided_minor),
        closed_by_name=(
            None if shift.closed_by_id is None
            else ShiftRepository(session).user_name(shift.closed_by_id)
        ),
    )



def _receipt_number(session: Session, register_id: int, sequence: int | None) -> str | None:
    if sequence is None:
        return None
    return session.scalar(
        select(Sale.receipt_number).where(
            Sale.register_id == register_id, Sale.receipt_seq == sequence
        )
    )


def shift_taxes(
    session: Session, bounds: Bounds, register_id: int | None, *, prices_include_tax: bool
) -> list[ShiftTaxes]:
    """Every shift opened in the period with its tax per rate, as its Z report has it."""
    chosen = select(Shift.id).where(within(Shift.opened_at, bounds))
    if register_id is not None:
        chosen = chosen.where(Shift.register_id == register_id)
    shifts = session.execute(
        select(Shift.id, Register.code, Shift.opened_at)
        .join(Register, Register.id == Shift.register_id)
        .where(Shift.id.in_(chosen))
        .order_by(Shift.opened_at, Shift.id)
    ).all()
    rows: dict[int, list[tuple[int, int, int]]] = {}
    for shift_id, rate, amount, tax in session.execute(
        select(Shift.id, SaleLine.tax_rate_bp, func.sum(SaleLine.total_minor),
               func.sum(SaleLine.tax_minor))
        .join(Sale, Sale.id == SaleLine.sale_id)
        .join(Shift, Shift.id == Sale.shift_id)
        .where(Shift.id.in_(chosen))
        .group_by(Shift.id, SaleLine.tax_rate_bp)
    ):
        rows.setdefault(int(shift_id), []).append((int(rate), int(amount), int(tax)))
    return [
        ShiftTaxes(
            shift_id=shift_id,
            register_code=code,
            opened_at=opened_at,
            taxes=summarise_taxes(rows.get(shift_id, ()), prices_include_tax=prices_include_tax),
        )
        for shift_id, code, opened_at in shifts
    ]
