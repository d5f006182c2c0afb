"""Gathering the customers report. Counts, top customers and cohorts are aggregated in
the database; the lapsed rule needs each regular's visits, which are streamed one
customer at a time and never held all at once."""

import heapq
from datetime import date, datetime, tzinfo

from pos.db.report_queries import customers as queries
from pos.domain.lapsed import LapseThresholds, is_lapsed
from pos.domain.periods import local_midnight, next_month
from pos.domain.report_figures import CustomerFigure
from pos.domain.won_back import facts_of_visit, won_back
from pos.reports.customers_report import CustomerFigures, LapsedCustomer, customers_report
from pos.reports.document import ReportDocument
from pos.services.report_context import ReportContext, ReportRequest

TOP_CUSTOMERS = 25
LAPSED_LISTED = 50
COHORT_MONTHS = 12


def customers_document(context: ReportContext, request: ReportRequest) -> ReportDocument:
    scope = context.scope(request, steps=5)
    period, bounds, register = scope.period, scope.bounds, scope.register_id
    session, step = context.uow.session, context.run.step
    step("new and returning customers")
    groups = queries.customer_groups(session, bounds, register)
    step("top customers")
    top = queries.top_customers(session, bounds, register, TOP_CUSTOMERS)
    step("monthly cohorts")
    months = period.month_starts()[-COHORT_MONTHS:]
    cohort_bounds = (max(bounds[0], local_midnight(months[0], context.zone)), bounds[1])
    month_ends = [min(local_midnight(next_month(month), context.zone), bounds[1])
                  for month in months]
    cohorts = queries.cohorts(session, cohort_bounds, register, month_ends)
    step("lapsed customers")
    as_of = min(bounds[1], context.now)
    lapsed = _Lapsed(context.zone, period.start, min(period.end, context.today))
    for customer_id, visits in queries.visit_histories(session, as_of):
        context.run.check()
        lapsed.add(customer_id, visits)
    step("birthdays")
    birthday_month = next_month(context.today)
    figures = CustomerFigures(
        period=period, register_code=request.register_code, groups=groups, top=top,
        cohort_months=months, cohorts=cohorts, lapsed_as_of=as_of,
        lapse_factor=lapsed.thresholds.factor, lapse_min_visits=lapsed.thresholds.min_visits,
        lapsed_count=lapsed.count, lapsed=lapsed.listed(context), won_back=lapsed.won_back,
        birthday_month=birthday_month,
        birthdays=queries.birthdays(session, birthday_month.month),
    )
    return customers_report(figures, shop=context.shop, printed_at=context.now)


class _Lapsed:
    """Applies the lapsed and won-back rules (`pos.domain.lapsed`, `pos.domain.won_back`:
    visits are the local days a customer bought on) to each customer's history, keeping
    only the lapsed who spent most."""

    def __init__(self, zone: tzinfo, since: date, as_of: date) -> None:
        self._zone = zone
        self._since = since
        self._as_of = as_of
        self.thresholds = LapseThresholds()
        self.count = 0
        self.won_back = 0
        self._best: list[tuple[int, int, int, datetime, float]] = []
        """A min-heap of (spend, customer id, visits, last visit, usual gap in days)."""

    def add(self, customer_id: int, visits: list[tuple[datetime, int]]) -> None:
        days = sorted({at.astimezone(self._zone).date() for at, _ in visits})
        if won_back(days, self._since, self._as_of):
            self.won_back += 1
        facts = facts_of_visit(days, self._as_of)
        usual, away = facts.usual_gap_days, facts.days_since_last_visit
        if usual is None or away is None or not is_lapsed(len(days), usual, away,
                                                          self.thresholds):
            return
        self.count += 1
        entry = (sum(total for _, total in visits), customer_id, len(days), visits[-1][0], usual)
        if len(self._best) < LAPSED_LISTED:
            heapq.heappush(self._best, entry)
        else:
            heapq.heappushpop(self._best, entry)

    def listed(self, context: ReportContext) -> list[LapsedCustomer]:
        ordered = sorted(self._best, reverse=True)
        names = queries.customer_names(context.uow.session, (entry[1] for entry in ordered))
        return [
            LapsedCustomer(CustomerFigure(*names[customer_id], visits, spend, last), round(gap))
            for spend, customer_id, visits, last, gap in ordered
            if customer_id in names
        ]
