"""Report output without a database: PDF (fonts, page breaks, page N of M), CSV, the
receipt-width text, Babel formatting, and files that appear whole or not at all."""

import csv
import threading
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from pos.domain.errors import EnvironmentProblemError, UserError
from pos.domain.report_figures import ShiftExtras, ShopProfile
from pos.domain.shift_report import ShiftReport, TenderTotal, ZReport
from pos.domain.tax import TaxLine
from pos.reports.csv_export import write_csv
from pos.reports.document import (
    Amount,
    Change,
    Column,
    Month,
    Rate,
    ReportDocument,
    Section,
    Share,
    Table,
)
from pos.reports.formatting import Formatter
from pos.reports.pdf import write_pdf
from pos.reports.receipt_text import receipt_lines
from pos.reports.z_report import ShiftSheet, shift_document
from pos.services.report_run import ReportCancelledError, ReportRun, atomic_outputs

PRINTED = datetime(2026, 11, 24, 10, 30, tzinfo=UTC)
POLISH = ShopProfile("Łódź & Ærø Gifts", "ul. Piotrkowska 1\n90-001 Łódź", "PL 123",
                     "PLN", "pl_PL", "Europe/Warsaw", True)
BRITISH = ShopProfile("Corner Shop", "", "", "GBP", "en_GB", "Europe/London", True)
NAMES = ("Łódź", "Ærø", "Straße", "Ελλάδα", "Москва", "Crème brûlée")


def pdf_text(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(path).pages]


def document(shop: ShopProfile, rows: int) -> ReportDocument:
    table = Table(
        (Column("Customer", 3), Column("Net takings", 1, numeric=True)),
        [[f"{NAMES[number % len(NAMES)]} {number}", Amount(number * 101)]
         for number in range(rows)],
        total=["Total", Amount(sum(number * 101 for number in range(rows)))],
    )
    return ReportDocument("Test report", "a period", shop, PRINTED,
                          (Section("Everyone", (table,)),))


def test_names_in_any_script_print_with_embedded_dejavu(tmp_path: Path) -> None:
    target = tmp_path / "names.pdf"
    write_pdf(document(POLISH, len(NAMES)), target, lambda page: None)
    (text,) = pdf_text(target)
    for name in (*NAMES, "Łódź & Ærø Gifts", "90-001 Łódź"):
        assert name in text
    resources = PdfReader(target).pages[0]["/Resources"]
    assert isinstance(resources, DictionaryObject)
    fonts = resources["/Font"]
    assert isinstance(fonts, DictionaryObject)
    names = set()
    for font in fonts.values():
        described = font.get_object()
        assert isinstance(described, DictionaryObject)
        names.add(str(described["/BaseFont"]))
    assert names == {"/AAAAAA+DejaVuSans", "/AAAAAA+DejaVuSans-Bold"}  # subsets, embedded


def test_long_tables_break_across_pages_with_their_header_and_page_numbers(
    tmp_path: Path,
) -> None:
    target = tmp_path / "long.pdf"
    pages_done: list[int] = []
    write_pdf(document(BRITISH, 150), target, pages_done.append)
    pages = pdf_text(target)
    assert len(pages) >= 3
    assert pages_done == list(range(1, len(pages) + 1))
    for number, text in enumerate(pages, start=1):
        assert f"page {number} of {len(pages)}" in text
        assert "Net takings" in text  # the header is repeated on every page
        assert "Corner Shop" in text
    assert "Total" in pages[-1]
    assert "£11,286.75" in pages[-1]  # 101p x (0 + 1 + ... + 149)


def test_formatter_writes_money_dates_and_changes_for_the_locale() -> None:
    british, polish = Formatter(BRITISH), Formatter(POLISH)
    assert british.money(-123_450) == "-£1,234.50"
    assert british.cell(Share(1, 8)) == "12.5%"
    assert british.cell(Share(1, 0)) == "\u2013"
    assert british.cell(Change(150, 100)) == "+50.0%"
    assert british.cell(Change(5, 0)) == "new"
    assert british.cell(Rate(550)) == "5.5%"
    assert british.cell(Month(date(2026, 11, 1))) == "November 2026"
    assert british.cell(datetime(2026, 7, 1, 23, 30, tzinfo=UTC)) == "2 Jul 2026 00:30"
    assert polish.money(123_450) == "1\xa0234,50\xa0zł"
    assert polish.cell(date(2026, 11, 24)) == "24 lis 2026"
    yen = Formatter(ShopProfile("Ramen", "", "", "JPY", "ja_JP", "Asia/Tokyo", True))
    assert yen.money(1235) == "￥1,235"
    unknown = Formatter(ShopProfile("X", "", "", "GBP", "xx_XX", "Mars/Olympus", True))
    assert unknown.money(100) == "£1.00"


def test_csv_has_plain_figures_and_keeps_names(tmp_path: Path) -> None:
    target = tmp_path / "names.csv"
    write_csv(document(POLISH, 3), target)
    with target.open(encoding="utf-8-sig", newline="") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["Test report", "a period", "Łódź & Ærø Gifts"]
    assert ["Customer", "Net takings"] in rows
    assert ["Ærø 1", "1.01"] in rows
    assert ["Total", "3.03"] in rows


def z_document() -> ReportDocument:
    report = ShiftReport(
        shift_id=7, register_code="1", opened_at=PRINTED, opened_by_id=1,
        opened_by_name="Alex", opening_float_minor=100_00, sales_count=3,
        sales_total_minor=123_45, returns_count=1, returns_total_minor=4_50,
        tenders=(TenderTotal("cash", 100_00, 4_50), TenderTotal("card", 23_45, 0)),
        cash_sales_minor=100_00, cash_refunds_minor=4_50, cash_in_minor=0, cash_out_minor=20_00,
        no_sale_count=2, expected_cash_minor=175_50,
    )
    extras = ShiftExtras(0, (TaxLine(2000, 98_62, 19_73, 118_35), TaxLine(0, 60, 0, 60)),
                         "R1-000001", "R1-000004", 1, 4_50, "Sam")
    closing = ZReport(report, PRINTED, 2, ((2000, 8), (50, 11)), 165_50, -10_00)
    return shift_document([ShiftSheet(report, extras, closing)], shop=BRITISH,
                          printed_at=PRINTED, register_code="1", closed=True)


@pytest.mark.parametrize("width", [32, 42, 48])
def test_receipt_text_fits_the_paper(width: int) -> None:
    lines = receipt_lines(z_document(), width)
    assert all(len(line) <= width for line in lines), [line for line in lines if len(line) > width]
    text = "\n".join(lines)
    for figure in ("Z REPORT", "£118.95", "£175.50", "£165.50", "-£10.00", "R1-000001"):
        assert figure in text
    assert any(line.startswith("Counted") and line.endswith("£165.50") for line in lines)


def test_receipt_text_refuses_a_strip_of_paper() -> None:
    with pytest.raises(ValueError, match="at least 24"):
        receipt_lines(z_document(), 20)


def test_a_failed_report_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "report.pdf"
    target.write_text("last week's report")

    def fail_half_way() -> None:
        with atomic_outputs([target]) as (temporary,):
            temporary.write_text("half a report")
            raise RuntimeError("the printer caught fire")

    with pytest.raises(RuntimeError):
        fail_half_way()
    assert target.read_text() == "last week's report"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["report.pdf"]


def test_a_cancelled_report_stops_at_the_next_step_and_leaves_nothing(tmp_path: Path) -> None:
    cancel = threading.Event()
    seen: list[tuple[int, str]] = []
    run = ReportRun(lambda percent, label: seen.append((percent, label)), cancel)
    run.plan(2)

    def cancel_half_way() -> None:
        with atomic_outputs([tmp_path / "a.pdf", tmp_path / "a.csv"]):
            run.step("first")
            cancel.set()
            run.step("second")

    with pytest.raises(ReportCancelledError, match="cancelled; no file was written"):
        cancel_half_way()
    assert seen == [(0, "first")]
    assert list(tmp_path.iterdir()) == []


def test_outputs_that_cannot_be_written_are_refused_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(EnvironmentProblemError, match=r"cannot write .*missing/r\.pdf") as error, \
            atomic_outputs([tmp_path / "missing" / "r.pdf"]):
        pytest.fail("the block must not run")
    assert error.value.exit_code == 3
    with pytest.raises(UserError, match="different file names"), \
            atomic_outputs([tmp_path / "r.pdf", tmp_path / "r.pdf"]):
        pytest.fail("the block must not run")
    with pytest.raises(UserError, match="is a folder"), atomic_outputs([tmp_path]):
        pytest.fail("the block must not run")
    assert list(tmp_path.iterdir()) == []
