"""A quotation as an A4 PDF, laid out by the report writer (DejaVu fonts, shop header,
"page N of M"), from plain values: nothing here reads the database."""

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from pos.domain.report_figures import ShopProfile
from pos.reports.document import (
    Amount,
    Column,
    KeyFigures,
    Rate,
    ReportDocument,
    Section,
    Table,
    Text,
)
from pos.reports.formatting import Formatter
from pos.reports.pdf import write_pdf

LINE_COLUMNS = (
    Column("Item", 4.0), Column("Code", 1.4), Column("Qty", 0.7, numeric=True),
    Column("Unit price", 1.3, numeric=True), Column("Discount", 1.2, numeric=True),
    Column("VAT", 0.9, numeric=True), Column("Total", 1.4, numeric=True),
)


@dataclass(frozen=True, slots=True)
class QuotationPdfLine:
    name: str
    code: str
    quantity: int
    unit_price_minor: int
    discount_minor: int
    tax_rate_bp: int
    total_minor: int


@dataclass(frozen=True, slots=True)
class QuotationPdf:
    """Everything printed on a quotation."""

    number: str
    shop: ShopProfile
    customer_name: str
    customer_contact: str
    """Phone and e-mail, as one line ("" when none)."""
    cashier_name: str
    created_at: datetime
    valid_until: date
    lines: tuple[QuotationPdfLine, ...]
    subtotal_minor: int
    discount_minor: int
    tax_minor: int
    total_minor: int
    prices_include_tax: bool
    expired: bool = False


def quotation_document(quotation: QuotationPdf) -> ReportDocument:
    """The quotation in the report writer's terms."""
    formatter = Formatter(quotation.shop)
    day = formatter.day
    who = quotation.customer_name or "No customer named"
    if quotation.customer_contact:
        who = f"{who} · {quotation.customer_contact}"
    notes = [Text(f"For: {who}"), Text(f"Prepared by {quotation.cashier_name}")]
    if quotation.expired:
        notes.append(Text(f"This quotation expired after {day(quotation.valid_until)}.",
                          "notice"))
    tax_label = "of which VAT" if quotation.prices_include_tax else "VAT added"
    lines = Table(
        LINE_COLUMNS,
        [(line.name, line.code, line.quantity, Amount(line.unit_price_minor),
          Amount(line.discount_minor) if line.discount_minor else None, Rate(line.tax_rate_bp),
          Amount(line.total_minor)) for line in quotation.lines],
        total=("Total", None, sum(line.quantity for line in quotation.lines), None,
               Amount(quotation.discount_minor) if quotation.discount_minor else None, None,
               Amount(quotation.total_minor)),
        empty="No items.",
    )
    figures = KeyFigures((("Subtotal", Amount(quotation.subtotal_minor)),
                          ("Discount", Amount(quotation.discount_minor)),
                          (tax_label, Amount(quotation.tax_minor)),
                          ("Total", Amount(quotation.total_minor))))
    made_on = day(formatter.local(quotation.created_at).date())
    return ReportDocument(
        title=f"Quotation {quotation.number}",
        subtitle=f"{made_on}, valid until {day(quotation.valid_until)}",
        shop=quotation.shop,
        printed_at=quotation.created_at,
        sections=(Section("", tuple(notes)), Section("Items", (lines, figures))),
    )


def write_quotation_pdf(quotation: QuotationPdf, target: Path) -> Path:
    """Write the quotation's PDF to `target`; returns it."""
    write_pdf(quotation_document(quotation), target, lambda _page: None)
    return target
