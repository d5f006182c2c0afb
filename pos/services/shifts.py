"""The cash side of a shift: cash in and out, no-sale openings, the X report and the Z close.

Every write here locks the register row first, as sales and returns do when they take
a receipt number, so a shift is never written to while it is being closed: a sale
either commits before the close (and is in the Z report) or finds the shift closed.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from pos.db.database import Database
from pos.db.errors import translate_database_errors
from pos.db.models import CashMovement, Shift, ShiftCashCount
from pos.db.sales import SalesRepository
from pos.db.shifts import PaymentTally, ShiftRepository, Tally
from pos.domain.cash import CashUp, count_cash
from pos.domain.clock import Clock, utc_now
from pos.domain.errors import UserError
from pos.domain.money import format_minor
from pos.domain.shift_report import ShiftReport as ShiftReport  # (re-exported for the screens)
from pos.domain.shift_report import TenderTotal as TenderTotal
from pos.domain.shift_report import ZReport as ZReport
from pos.domain.tender import TENDER_METHODS
from pos.services.numbering import NO_OPEN_SHIFT, checked_note, locked_register, open_shift_of

REASON_MAX_LENGTH = 200
ALREADY_CLOSED = "this shift is already closed; sign in to open a new shift"

MovementKind = Literal["in", "out", "no_sale"]


@dataclass(frozen=True, slots=True)
class CashMovementRecord:
    """Cash put in or taken out of the drawer outside a sale, or a no-sale opening."""

    id: int
    shift_id: int
    cashier_id: int
    kind: MovementKind
    amount_minor: int
    reason: str
    created_at: datetime


class ShiftService:
    def __init__(self, database: Database, register_code: str, clock: Clock = utc_now) -> None:
        self._database = database
        self._register_code = register_code
        self._clock = clock

    def cash_in(self, cashier_id: int, amount_minor: int, reason: str) -> CashMovementRecord:
        """Record cash put into the drawer (change from the bank, a float top-up)."""
        _check_amount(amount_minor)
        return self._record(cashier_id, "in", amount_minor, _reason(reason, required=True))

    def cash_out(self, cashier_id: int, amount_minor: int, reason: str) -> CashMovementRecord:
        """Record cash taken out of the drawer (a banking drop, paying the window cleaner)."""
        _check_amount(amount_minor)
        return self._record(cashier_id, "out", amount_minor, _reason(reason, required=True))

    def no_sale(self, cashier_id: int, reason: str = "") -> CashMovementRecord:
        """Record that the drawer was opened without a sale (opening it is printing's job)."""
        return self._record(cashier_id, "no_sale", 0, _reason(reason, required=False))

    def x_report(self) -> ShiftReport:
        """The open shift's figures so far; nothing is written."""
        with translate_database_errors(), self._database.reader() as uow:
            repo = ShiftRepository(uow.session)
            shift = repo.open_shift(self._register_code)
            if shift is None:
                raise UserError(NO_OPEN_SHIFT)
            return shift_report(repo, shift, self._register_code)

    def close_shift(self, cashier_id: int, counts: Mapping[int, int]) -> ZReport:
        """Close the open shift with the drawer counted as `{denomination: how many}`."""
        counted = count_cash(counts)
        with translate_database_errors(), self._database.writer() as uow:
            sales, shifts = SalesRepository(uow.session), ShiftRepository(uow.session)
            register = locked_register(sales, self._register_code)
            shift = sales.open_shift(register.id)
            if shift is None:
                raise UserError(
                    ALREADY_CLOSED if shifts.has_closed_shift(register.id) else NO_OPEN_SHIFT
                )
            report = shift_report(shifts, shift, self._register_code)
            now = self._clock()
            shift.closed_at, shift.closed_by_id = now, cashier_id
            shift.counted_cash_minor = counted
            shift.expected_cash_minor = report.expected_cash_minor
            z_report = closed_report(report, shift, counts.items())
            shifts.add_all(
                ShiftCashCount(shift_id=shift.id, denomination_minor=denomination, count=count)
                for denomination, count in z_report.counts
            )
            uow.commit()
        return z_report

    def _record(
        self, cashier_id: int, kind: MovementKind, amount_minor: int, reason: str
    ) -> CashMovementRecord:
        with translate_database_errors(), self._database.writer() as uow:
            repo = SalesRepository(uow.session)
            shift = open_shift_of(repo, locked_register(repo, self._register_code))
            movement = CashMovement(
                shift_id=shift.id,
                user_id=cashier_id,
                kind=kind,
                amount_minor=amount_minor,
                reason=reason,
                created_at=self._clock(),
            )
            repo.add_all([movement])
            uow.commit()
        return CashMovementRecord(
            movement.id, shift.id, cashier_id, kind, amount_minor, reason, movement.created_at
        )


def _check_amount(amount_minor: int) -> None:
    if amount_minor <= 0:
        raise UserError(f"the amount must be more than {format_minor(0)}; enter the cash moved")


def _reason(text: str, *, required: bool) -> str:
    return checked_note(text, what="reason", max_length=REASON_MAX_LENGTH, required=required)


def closed_report(
    report: ShiftReport, shift: Shift, counts: Iterable[tuple[int, int]]
) -> ZReport:
    """The Z report of a closed shift from its X-report figures and its drawer count."""
    if shift.closed_at is None or shift.closed_by_id is None or shift.counted_cash_minor is None:
        raise ValueError(f"shift {shift.id} is not closed")
    return ZReport(
        report=report,
        closed_at=shift.closed_at,
        closed_by_id=shift.closed_by_id,
        counts=tuple(sorted(counts, reverse=True)),
        counted_cash_minor=shift.counted_cash_minor,
        discrepancy_minor=shift.counted_cash_minor - report.expected_cash_minor,
    )


def shift_report(repo: ShiftRepository, shift: Shift, register_code: str) -> ShiftReport:
    """The X-report figures of a shift, open or closed (the Z report and the PDFs reuse them)."""
    documents = repo.document_tallies(shift.id)
    movements = repo.movement_tallies(shift.id)
    tenders = _tender_totals(repo.payment_tallies(shift.id))
    cash = next(tender for tender in tenders if tender.method == "cash")
    sales, returns = documents.get("sale", Tally()), documents.get("return", Tally())
    cash_up = CashUp(
        opening_float=shift.opening_float_minor,
        cash_sales=cash.taken_minor,
        cash_refunds=cash.refunded_minor,
        cash_in=movements.get("in", Tally()).total_minor,
        cash_out=movements.get("out", Tally()).total_minor,
    )
    return ShiftReport(
        shift_id=shift.id,
        register_code=register_code,
        opened_at=shift.opened_at,
        opened_by_id=shift.opened_by_id,
        opened_by_name=repo.user_name(shift.opened_by_id),
        opening_float_minor=shift.opening_float_minor,
        sales_count=sales.count,
        sales_total_minor=sales.total_minor,
        returns_count=returns.count,
        returns_total_minor=-returns.total_minor,
        tenders=tenders,
        cash_sales_minor=cash_up.cash_sales,
        cash_refunds_minor=cash_up.cash_refunds,
        cash_in_minor=cash_up.cash_in,
        cash_out_minor=cash_up.cash_out,
        no_sale_count=movements.get("no_sale", Tally()).count,
        expected_cash_minor=cash_up.expected_minor,
    )


def _tender_totals(tallies: list[PaymentTally]) -> tuple[TenderTotal, ...]:
    """Per tender method: sales' payments as taken, returns' (negative) ones as refunded."""

    def total(kind: str, method: str) -> int:
        return sum(t.total_minor for t in tallies if (t.document_kind, t.method) == (kind, method))

    return tuple(
        TenderTotal(method, total("sale", method), -total("return", method))
        for method in TENDER_METHODS
    )
