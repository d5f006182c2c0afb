"""A `ReportDocument` as an A4 PDF: the shop's header on every page, "page N of M",
tables that break across pages with their header repeated, charts.

Pages are laid out one after another (platypus); `on_page` is called as each is
finished, so a caller can report progress and stop a long report.
"""

from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    LongTable,
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    TableStyle,
)

from pos.reports.charts import ACCENT, GRID_LINE, INK, bar_chart, heat_map
from pos.reports.document import (
    BarChart,
    Block,
    Cell,
    HeatMap,
    KeyFigures,
    ReportDocument,
    Section,
    Table,
    Text,
)
from pos.reports.fonts import BOLD, FONT, ITALIC, register_fonts
from pos.reports.formatting import Formatter

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 16 * mm
TOP = 24 * mm
BOTTOM = 18 * mm
FRAME_PADDING = 6
"""platypus's frame keeps this much inside the margins."""
LEFT = MARGIN + FRAME_PADDING
RIGHT = PAGE_WIDTH - MARGIN - FRAME_PADDING
BODY_WIDTH = RIGHT - LEFT
CELL_PADDING = 3
SECTION_START = 60 * mm
"""Room a section needs at the foot of a page to start there."""
TABLE_START = 30 * mm
FIGURES_PER_ROW = 4
STRIPE = colors.HexColor("#f3f5f7")
HEADER_FILL = colors.HexColor("#e4e9ee")
NOTICE_FILL = colors.HexColor("#fff4d6")
MUTED = colors.HexColor("#5b6770")

STYLES = {
    "title": ParagraphStyle("title", fontName=BOLD, fontSize=17, leading=21, textColor=INK),
    "subtitle": ParagraphStyle("subtitle", fontName=FONT, fontSize=10.5, leading=14,
                               textColor=MUTED, spaceAfter=2),
    "shop": ParagraphStyle("shop", fontName=FONT, fontSize=8, leading=10, textColor=MUTED),
    "heading": ParagraphStyle("heading", fontName=BOLD, fontSize=12.5, leading=16,
                              textColor=INK, spaceBefore=12, spaceAfter=5),
    "table_title": ParagraphStyle("table_title", fontName=BOLD, fontSize=9.5, leading=12,
                                  textColor=INK, spaceBefore=6, spaceAfter=3),
    "body": ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12, spaceAfter=4),
    "note": ParagraphStyle("note", fontName=ITALIC, fontSize=7.5, leading=10,
                           textColor=MUTED, spaceAfter=4),
    "notice": ParagraphStyle("notice", fontName=BOLD, fontSize=10, leading=14,
                             backColor=NOTICE_FILL, borderPadding=7, spaceBefore=8,
                             spaceAfter=12),
    "cell": ParagraphStyle("cell", fontName=FONT, fontSize=8, leading=10),
    "head": ParagraphStyle("head", fontName=BOLD, fontSize=8, leading=10),
    "head_right": ParagraphStyle("head_right", fontName=BOLD, fontSize=8, leading=10,
                                 alignment=TA_RIGHT),
    "label": ParagraphStyle("label", fontName=FONT, fontSize=7.5, leading=9, textColor=MUTED),
    "figure": ParagraphStyle("figure", fontName=BOLD, fontSize=12, leading=15, textColor=INK),
}
CELL_FONT_SIZE = 8

PageHook = Callable[[int], None]


def write_pdf(document: ReportDocument, target: Path, on_page: PageHook) -> None:
    """Lay `document` out into the PDF file `target`, calling `on_page(n)` after page n."""
    register_fonts()
    formatter = Formatter(document.shop)
    pdf = SimpleDocTemplate(
        str(target), pagesize=A4, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=TOP,
        bottomMargin=BOTTOM, title=document.title, author=document.shop.name,
        subject=document.subtitle, creator="pos-till", invariant=True, initialFontName=FONT,
    )
    decorate = partial(_decorate, document=document, on_page=on_page)
    footer = f"Printed {formatter.moment(document.printed_at)}"
    pdf.build(
        list(_story(document, formatter)),
        onFirstPage=decorate,
        onLaterPages=decorate,
        canvasmaker=partial(_NumberedCanvas, footer=footer),
    )


class _NumberedCanvas(Canvas):
    """Holds the pages back until the last, so each can say "page N of M"."""

    def __init__(self, *args: Any, footer: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._footer = footer
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 (reportlab's name)
        self._pages.append(dict(self.__dict__))
        self._startPage()  # type: ignore[attr-defined]  # reportlab's page reset, untyped

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._draw_footer(total)
            super().showPage()
        super().save()

    def _draw_footer(self, total: int) -> None:
        self.saveState()
        self.setFont(FONT, 7.5)
        self.setFillColor(MUTED)
        self.drawString(LEFT, BOTTOM - 9 * mm, self._footer)
        self.drawRightString(RIGHT, BOTTOM - 9 * mm, f"page {self.getPageNumber()} of {total}")
        self.restoreState()


def _decorate(canvas: Canvas, _doc: object, *, document: ReportDocument, on_page: PageHook) -> None:
    """The running header: the shop's name and the report's title, above a rule."""
    canvas.saveState()
    top = PAGE_HEIGHT - 13 * mm
    canvas.setFont(BOLD, 9)
    canvas.setFillColor(INK)
    canvas.drawString(LEFT, top, document.shop.name)
    canvas.setFont(FONT, 8)
    canvas.setFillColor(MUTED)
    canvas.drawRightString(RIGHT, top, f"{document.title} · {document.subtitle}")
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(0.8)
    canvas.line(LEFT, top - 2.5 * mm, RIGHT, top - 2.5 * mm)
    canvas.restoreState()
    on_page(canvas.getPageNumber())


def _story(document: ReportDocument, formatter: Formatter) -> Iterator[Flowable]:
    yield Paragraph(escape(document.title), STYLES["title"])
    yield Paragraph(escape(document.subtitle), STYLES["subtitle"])
    shop = document.shop
    details = [line for line in (*shop.address.splitlines(), shop.vat_number and
                                 f"VAT {shop.vat_number}") if line]
    if details:
        yield Paragraph(escape(" · ".join(details)), STYLES["shop"])
    for number, section in enumerate(document.sections):
        yield from _section(section, formatter, first=number == 0)


def _section(section: Section, formatter: Formatter, *, first: bool) -> Iterator[Flowable]:
    if section.new_page and not first:
        yield PageBreak()
    else:
        yield CondPageBreak(SECTION_START)
    if section.heading:
        yield Paragraph(escape(section.heading), STYLES["heading"])
    for block in section.blocks:
        yield from _block(block, formatter)


def _block(block: Block, formatter: Formatter) -> Iterator[Flowable]:
    match block:
        case Text(text, kind):
            yield Paragraph(escape(text), STYLES[kind])
        case KeyFigures(figures):
            yield _key_figures(figures, formatter)
            yield Spacer(1, 4)
        case Table():
            yield from _table(block, formatter)
        case BarChart():
            yield bar_chart(block, formatter, BODY_WIDTH)
            yield Spacer(1, 6)
        case HeatMap():
            yield heat_map(block, formatter, BODY_WIDTH)
            yield Spacer(1, 6)


def _key_figures(figures: tuple[tuple[str, Cell], ...], formatter: Formatter) -> Flowable:
    rows: list[list[Any]] = []
    for start in range(0, len(figures), FIGURES_PER_ROW):
        chunk = figures[start : start + FIGURES_PER_ROW]
        padding = [""] * (FIGURES_PER_ROW - len(chunk))
        rows.append([Paragraph(escape(label), STYLES["label"]) for label, _ in chunk] + padding)
        rows.append(
            [Paragraph(escape(formatter.cell(value)), STYLES["figure"]) for _, value in chunk]
            + padding
        )
    grid = LongTable(rows, colWidths=[BODY_WIDTH / FIGURES_PER_ROW] * FIGURES_PER_ROW)
    grid.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
    ]))
    return grid


def _table(table: Table, formatter: Formatter) -> Iterator[Flowable]:
    if table.title:
        yield CondPageBreak(TABLE_START)  # never a title alone at the foot of a page
        yield Paragraph(escape(table.title), STYLES["table_title"])
    if not table.rows:
        yield Paragraph(escape(table.empty), STYLES["note"])
        return
    scale = BODY_WIDTH / sum(column.width for column in table.columns)
    widths = [column.width * scale for column in table.columns]
    header = [
        Paragraph(escape(column.title), STYLES["head_right" if column.numeric else "head"])
        for column in table.columns
    ]
    body = [_row(row, widths, formatter) for row in table.rows]
    data: list[list[Any]] = [header, *body]
    if table.total is not None:
        data.append(_row(table.total, widths, formatter))
    grid = LongTable(data, colWidths=widths, repeatRows=1)
    grid.setStyle(_table_style(table, len(data)))
    yield grid
    yield Spacer(1, 6)


def _row(row: Any, widths: list[float], formatter: Formatter) -> list[Any]:
    """Cells as text; text too wide for its column becomes a wrapping paragraph."""
    cells: list[Any] = []
    for cell, width in zip(row, widths, strict=True):
        text = formatter.cell(cell)
        too_wide = stringWidth(text, FONT, CELL_FONT_SIZE) > width - 2 * CELL_PADDING
        cells.append(Paragraph(escape(text), STYLES["cell"]) if too_wide else text)
    return cells


def _table_style(table: Table, rows: int) -> TableStyle:
    commands: list[Any] = [
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("FONTSIZE", (0, 0), (-1, -1), CELL_FONT_SIZE),
        ("LEADING", (0, 0), (-1, -1), 10),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, INK),
        ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, STRIPE]),
        ("LINEBELOW", (0, -1), (-1, -1), 0.4, GRID_LINE),
    ]
    for number, column in enumerate(table.columns):
        if column.numeric:
            commands.append(("ALIGN", (number, 1), (number, -1), "RIGHT"))
    if table.total is not None:
        commands += [
            ("FONTNAME", (0, rows - 1), (-1, rows - 1), BOLD),
            ("LINEABOVE", (0, rows - 1), (-1, rows - 1), 0.8, INK),
            ("BACKGROUND", (0, rows - 1), (-1, rows - 1), colors.white),
        ]
    return TableStyle(commands)

