"""Gathering the stock report: the catalogue's size and the products that did not sell."""

from pos.db.report_queries import stock as queries
from pos.reports.document import ReportDocument
from pos.reports.stock_report import StockFigures, stock_report
from pos.services.report_context import ReportContext, ReportRequest

UNSOLD_LISTED = 200


def stock_document(context: ReportContext, request: ReportRequest) -> ReportDocument:
    scope = context.scope(request, steps=2)
    context.run.step("counting products")
    active, inactive = queries.product_counts(context.uow.session)
    context.run.step("products that did not sell")
    unsold_count, unsold = queries.unsold_products(context.uow.session, scope.bounds,
                                                   UNSOLD_LISTED)
    figures = StockFigures(scope.period, active, inactive, unsold_count, unsold)
    return stock_report(figures, shop=context.shop, printed_at=context.now)
