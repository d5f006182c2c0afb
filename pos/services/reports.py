"""Owner reports: Z and X, sales, tax, customers, service and stock, as PDF (and CSV).

The figures are read in one read transaction and aggregated by the database; the PDF
is laid out page by page. Files are written beside their targets under a temporary
name and renamed at the end, so a cancelled or failed report leaves nothing behind.
Run it off the UI thread (the reports lane): it reports progress and stops at the next
step or page once `cancel` is set.
"""

import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from pos.db.database import Database
from pos.db.errors import translate_database_errors
from pos.db.report_queries.common import register_codes, shop_profile
from pos.domain.clock import Clock, utc_now
from pos.domain.errors import UserError
from pos.domain.report_figures import ReportKind
from pos.reports.csv_export import write_csv
from pos.reports.document import ReportDocument
from pos.reports.formatting import shop_zone
from pos.reports.pdf import write_pdf
from pos.reports.receipt_text import receipt_lines
from pos.services.report_context import ReportContext, ReportRequest
from pos.services.report_customers import customers_document
from pos.services.report_run import Progress, ReportCancelledError, ReportRun, atomic_outputs
from pos.services.report_sales import sales_document, tax_document
from pos.services.report_service_review import service_document
from pos.services.report_shifts import shift_report_document
from pos.services.report_stock import stock_document

RECEIPT_WIDTH = 42
"""Characters per line of an 80 mm thermal receipt in its usual font."""

Builder = Callable[[ReportContext, ReportRequest], ReportDocument]
BUILDERS: dict[ReportKind, Builder] = {
    "z": shift_report_document,
    "x": shift_report_document,
    "sales": sales_document,
    "tax": tax_document,
    "customers": customers_document,
    "service": service_document,
    "stock": stock_document,
}

__all__ = [
    "Progress", "ReportCancelledError", "ReportChoices", "ReportRequest", "ReportService",
    "WrittenReport",
]


@dataclass(frozen=True, slots=True)
class WrittenReport:
    pdf: Path
    csv: Path | None
    title: str
    subtitle: str
    pages: int


@dataclass(frozen=True, slots=True)
class ReportChoices:
    """What a report can be asked for, as the shop sees it now."""

    today: date
    """The shop's today, in its time zone."""
    register_codes: list[str]
    this_register: str | None
    """The till's own register (the Z and X reports' usual one), if it is set up."""


class ReportService:
    def __init__(
        self, database: Database, clock: Clock = utc_now, *, register_code: str | None = None
    ) -> None:
        """`register_code`: the till's own register, offered first for Z and X reports."""
        self._database = database
        self._clock = clock
        self._register_code = register_code

    def register_codes(self) -> list[str]:
        """The registers a report can be limited to."""
        with translate_database_errors(), self._database.reader() as uow:
            return register_codes(uow.session)

    def choices(self) -> ReportChoices:
        """The shop's today and its registers (one read; for a report screen's defaults)."""
        with translate_database_errors(), self._database.reader() as uow:
            shop = shop_profile(uow.session)
            if shop is None:
                raise UserError("the shop is not set up yet; open the till to set it up")
            codes = register_codes(uow.session)
        today = self._clock().astimezone(shop_zone(shop.timezone)).date()
        mine = self._register_code if self._register_code in codes else None
        return ReportChoices(today, codes, mine)

    def write(
        self,
        request: ReportRequest,
        pdf: Path,
        *,
        csv: Path | None = None,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> WrittenReport:
        """Write the report to `pdf` (and its tables to `csv`); returns where it went.

        Raises `UserError` for a request that makes no sense (a period in the future),
        `EnvironmentProblemError` for a file that cannot be written or a database that
        cannot be read, and `ReportCancelledError` once `cancel` is set.
        """
        run = ReportRun(progress, cancel)
        with atomic_outputs([pdf] if csv is None else [pdf, csv]) as temporaries:
            document = self._document(request, run)
            write_pdf(document, temporaries[0], run.page)
            if csv is not None:
                run.check()
                write_csv(document, temporaries[1])
            run.check()
        run.finish()
        return WrittenReport(pdf, csv, document.title, document.subtitle, run.pages)

    def receipt_lines(self, request: ReportRequest, width: int = RECEIPT_WIDTH) -> list[str]:
        """The report as plain lines `width` characters wide, for the thermal printer
        (meant for the Z and X reports; charts are left out)."""
        document = self._document(request, ReportRun())
        return receipt_lines(document, width)

    def _document(self, request: ReportRequest, run: ReportRun) -> ReportDocument:
        with translate_database_errors(), self._database.reader() as uow:
            shop = shop_profile(uow.session)
            if shop is None:
                raise UserError("the shop is not set up yet; open the till to set it up")
            context = ReportContext.on(uow, shop, self._clock(), run)
            return BUILDERS[request.kind](context, request)
