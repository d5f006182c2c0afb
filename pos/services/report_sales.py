"""Gathering the sales and tax reports: every figure is a GROUP BY in the database, and
only aggregates (a few thousand quarter-hour rows for a year) reach Python."""

from pos.db.report_queries import sales as queries
from pos.db.report_queries.common import sales_in
from pos.db.report_queries.shifts import shift_taxes
from pos.domain.sales_calendar import SalesCalendar
from pos.domain.tax import summarise_taxes
from pos.reports.document import ReportDocument
from pos.reports.sales_report import SalesFigures, sales_report
from pos.reports.tax_report import TaxFigures, tax_report
from pos.services.report_context import ReportContext, ReportRequest

RANKED = 20
"""How many best and slowest sellers the sales report lists."""


def sales_document(context: ReportContext, request: ReportRequest) -> ReportDocument:
    scope = context.scope(request, steps=6)
    period, bounds, register = scope.period, scope.bounds, scope.register_id
    previous = period.previous()
    session, step = context.uow.session, context.run.step
    step("adding up the period")
    totals = queries.period_totals(session, bounds, register)
    step("adding up the previous period")
    previous_totals = queries.period_totals(session, context.bounds(previous), register)
    step("sales per day and hour")
    calendar = SalesCalendar(period, context.zone)
    calendar.add_all(queries.buckets(session, bounds, register))
    step("best and slowest sellers")
    products = queries.ranked_products(session, bounds, register, RANKED)
    step("categories")
    categories = queries.ranked_categories(session, bounds, register)
    step("cashiers")
    cashiers = queries.ranked_cashiers(session, bounds, register)
    figures = SalesFigures(
        period=period, previous=previous, register_code=request.register_code, totals=totals,
        previous_totals=previous_totals, calendar=calendar, best=products.best,
        worst=products.worst, products_sold=products.sold, categories=categories,
        cashiers=cashiers,
    )
    return sales_report(figures, shop=context.shop, printed_at=context.now)


def tax_document(context: ReportContext, request: ReportRequest) -> ReportDocument:
    scope = context.scope(request, steps=2)
    session, include = context.uow.session, context.shop.prices_include_tax
    context.run.step("tax per rate")
    taxes = summarise_taxes(
        queries.tax_rows(session, sales_in(scope.bounds, scope.register_id)),
        prices_include_tax=include,
    )
    context.run.step("the Z reports")
    shifts = shift_taxes(session, scope.bounds, scope.register_id, prices_include_tax=include)
    figures = TaxFigures(scope.period, request.register_code, taxes, shifts)
    return tax_report(figures, shop=context.shop, printed_at=context.now)


