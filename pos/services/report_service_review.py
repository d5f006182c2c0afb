"""Gathering the service report: the service review's figures over the report's days."""

from pos.reports.document import ReportDocument
from pos.reports.service_report import service_report
from pos.services.report_context import ReportContext, ReportRequest
from pos.services.service_review import READ_STEPS, read_review


def service_document(context: ReportContext, request: ReportRequest) -> ReportDocument:
    scope = context.scope(request, steps=READ_STEPS)
    review = read_review(context.uow, scope.period, context.zone, scope.register_id,
                         request.register_code, context.run.step)
    return service_report(review, shop=context.shop, printed_at=context.now)
