"""Gathering the Z and X reports: the shift service's own figures for each shift, plus
what the report adds (tax per rate, discounts, receipt range, voided lines)."""

from pos.db.models import Shift
from pos.db.report_queries import shifts as queries
from pos.db.shifts import ShiftRepository
from pos.domain.errors import UserError
from pos.reports.document import ReportDocument
from pos.reports.z_report import ShiftSheet, shift_document
from pos.services.report_context import ReportContext, ReportRequest
from pos.services.shifts import closed_report, shift_report

NEEDS_REGISTER = "name the register for a Z or X report"
X_HAS_NO_PERIOD = "the X report is of the shift open now; leave out the dates"


def shift_report_document(context: ReportContext, request: ReportRequest) -> ReportDocument:
    """Z reports of the register's shifts opened in the period (no dates: its last closed
    shift), or the X report of its open shift."""
    if request.register_code is None:
        raise UserError(NEEDS_REGISTER)
    closed = request.kind == "z"
    if not closed and (request.start or request.end):
        raise UserError(X_HAS_NO_PERIOD)
    register_id = context.register(request.register_code)
    session = context.uow.session
    context.run.plan(2)
    context.run.step("finding the shifts")
    period = None
    if not closed:
        shifts = [shift for shift in [queries.open_shift(session, register_id)] if shift]
    elif request.start or request.end:
        period = context.period(request)
        shifts = queries.closed_shifts(session, register_id, context.bounds(period))
    else:
        shifts = [shift for shift in [queries.last_closed_shift(session, register_id)] if shift]
    context.run.step("adding up the shifts")
    sheets = [_sheet(context, shift, request.register_code) for shift in shifts]
    return shift_document(
        sheets, shop=context.shop, printed_at=context.now, register_code=request.register_code,
        closed=closed, period=period,
    )


def _sheet(context: ReportContext, shift: Shift, register_code: str) -> ShiftSheet:
    context.run.check()
    session = context.uow.session
    report = shift_report(ShiftRepository(session), shift, register_code)
    extras = queries.shift_extras(
        session, shift, prices_include_tax=context.shop.prices_include_tax
    )
    if shift.closed_at is None:
        return ShiftSheet(report, extras)
    return ShiftSheet(report, extras, closed_report(report, shift,
                                                    queries.cash_counts(session, shift.id)))
