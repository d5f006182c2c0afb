"""The Z report (a closed shift) and the X report (the open shift) as a document:
sales, returns, voids, discounts, tax per rate, payments per tender, cash expected
against counted, and the receipt numbers the shift used."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from pos.domain.periods import Period
from pos.domain.report_figures import ShiftExtras, ShopProfile
from pos.domain.shift_report import ShiftReport, ZReport
from pos.reports.document import (
    Amount,
    Block,
    Cell,
    Column,
    KeyFigures,
    ReportDocument,
    Section,
    Table,
    Text,
)
from pos.reports.formatting import Formatter
from pos.reports.tables import amount_table, tax_table

TENDER_NAMES = {"cash": "Cash", "card": "Card", "voucher": "Voucher",
                "store_credit": "Store credit"}


@dataclass(frozen=True, slots=True)
class ShiftSheet:
    """One shift's figures; `closing` is its Z report, None while the shift is open."""

    report: ShiftReport
    extras: ShiftExtras
    closing: ZReport | None = None


def shift_document(
    sheets: Sequence[ShiftSheet],
    *,
    shop: ShopProfile,
    printed_at: datetime,
    register_code: str,
    closed: bool,
    period: Period | None = None,
) -> ReportDocument:
    """Z reports (`closed`) of the shifts given, or the X report of the open one."""
    formatter = Formatter(shop)
    title = "Z report" if closed else "X report"
    return ReportDocument(
        title=title,
        subtitle=_subtitle(sheets, formatter, register_code, period),
        shop=shop,
        printed_at=printed_at,
        sections=_sections(sheets, register_code, closed, period is not None),
    )


def _subtitle(
    sheets: Sequence[ShiftSheet], formatter: Formatter, register_code: str, period: Period | None
) -> str:
    if period is not None:
        return f"Register {register_code} · {formatter.period(period)}"
    if not sheets:
        return f"Register {register_code}"
    report = sheets[0].report
    return (f"Register {register_code} · shift {report.shift_id} · "
            f"{formatter.day(formatter.local(report.opened_at).date())}")


def _sections(
    sheets: Sequence[ShiftSheet], register_code: str, closed: bool, several: bool
) -> tuple[Section, ...]:
    if not sheets:
        message = (f"No shift was closed on register {register_code} in this period."
                   if closed else f"No shift is open on register {register_code}.")
        return (Section("", (Text(message, "notice"),)),)
    sections = [_shift_section(sheet, new_page=number > 0) for number, sheet in enumerate(sheets)]
    if several:
        sections.insert(0, _overview(sheets))
    return tuple(sections)


def _overview(sheets: Sequence[ShiftSheet]) -> Section:
    """The period's shifts side by side; their totals are the sum of the Z reports."""
    rows: list[list[Cell]] = []
    for sheet in sheets:
        report, closing = sheet.report, sheet.closing
        rows.append([
            str(report.shift_id), report.opened_at, closing.closed_at if closing else None,
            report.sales_count, Amount(report.net_minor),
            Amount(closing.discrepancy_minor) if closing else None,
        ])
    total: list[Cell] = [
        "Total", None, None, sum(s.report.sales_count for s in sheets),
        Amount(sum(s.report.net_minor for s in sheets)),
        Amount(sum(s.closing.discrepancy_minor for s in sheets if s.closing)),
    ]
    columns = (Column("Shift", 0.6), Column("Opened", 1.4), Column("Closed", 1.4),
               Column("Sales", 0.8, numeric=True), Column("Net takings", 1.2, numeric=True),
               Column("Over / short", 1.1, numeric=True))
    return Section("Shifts in this period", (Table(columns, rows, total),))


def _shift_section(sheet: ShiftSheet, *, new_page: bool) -> Section:
    report, extras, closing = sheet.report, sheet.extras, sheet.closing
    receipts = ("none" if extras.first_receipt is None
                else f"{extras.first_receipt} to {extras.last_receipt}")
    figures: tuple[tuple[str, Cell], ...] = (
        ("Opened", report.opened_at),
        ("Opened by", report.opened_by_name),
        ("Closed", closing.closed_at if closing else "still open"),
        ("Closed by", extras.closed_by_name or ""),
        ("Net takings", Amount(report.net_minor)),
        ("Receipts", receipts),
    )
    blocks: list[Block] = [
        KeyFigures(figures),
        _sales_table(report, extras),
        tax_table(extras.taxes, title="Tax per rate"),
        _tender_table(report),
        _cash_table(report, closing),
    ]
    if closing is not None and closing.counts:
        blocks.append(_count_table(closing))
    return Section(f"Shift {report.shift_id} · register {report.register_code}",
                   tuple(blocks), new_page=new_page)


def _sales_table(report: ShiftReport, extras: ShiftExtras) -> Table:
    columns = (Column("", 2.4), Column("Count", 1, numeric=True),
               Column("Amount", 1.4, numeric=True))
    rows: list[list[Cell]] = [
        ["Sales", report.sales_count, Amount(report.sales_total_minor)],
        ["Returns", report.returns_count, Amount(-report.returns_total_minor)],
        ["Discounts given", None, Amount(extras.discount_minor)],
        ["Voided lines", extras.voided_lines, Amount(extras.voided_minor)],
    ]
    total: list[Cell] = ["Net takings", None, Amount(report.net_minor)]
    return Table(columns, rows, total, title="Sales")


def _tender_table(report: ShiftReport) -> Table:
    columns = (Column("Tender", 2), Column("Taken", 1.2, numeric=True),
               Column("Refunded", 1.2, numeric=True), Column("Net", 1.2, numeric=True))
    rows: list[list[Cell]] = [
        [TENDER_NAMES.get(t.method, t.method), Amount(t.taken_minor),
         Amount(t.refunded_minor), Amount(t.net_minor)]
        for t in report.tenders
    ]
    total: list[Cell] = [
        "Total", Amount(sum(t.taken_minor for t in report.tenders)),
        Amount(sum(t.refunded_minor for t in report.tenders)),
        Amount(sum(t.net_minor for t in report.tenders)),
    ]
    return Table(columns, rows, total, title="Payments per tender")


def _cash_table(report: ShiftReport, closing: ZReport | None) -> Table:
    rows: list[tuple[str, int]] = [
        ("Opening float", report.opening_float_minor),
        ("Cash from sales", report.cash_sales_minor),
        ("Cash refunds", -report.cash_refunds_minor),
        ("Cash in", report.cash_in_minor),
        ("Cash out", -report.cash_out_minor),
        ("Expected in the drawer", report.expected_cash_minor),
    ]
    if closing is not None:
        rows += [("Counted", closing.counted_cash_minor),
                 ("Over (+) / short (-)", closing.discrepancy_minor)]
    table = amount_table(rows, title="Cash drawer")
    note = f"No-sale drawer openings: {report.no_sale_count}"
    return Table(table.columns, [*table.rows, [note, None]], title=table.title)


def _count_table(closing: ZReport) -> Table:
    columns = (Column("Note or coin", 1.6, numeric=True), Column("Count", 1, numeric=True),
               Column("Value", 1.4, numeric=True))
    rows: list[list[Cell]] = [
        [Amount(denomination), count, Amount(denomination * count)]
        for denomination, count in closing.counts
    ]
    total: list[Cell] = ["Counted", None, Amount(closing.counted_cash_minor)]
    return Table(columns, rows, total, title="Drawer count")

