"""A receipt as a receipt-sized PDF (80 mm wide, as long as it needs), for e-mail and screens.

It draws the same rows as the paper receipt (`pos.domain.receipt_layout`), in DejaVu
Sans, with a CODE128 barcode of the receipt number and the QR code when there is one.
A character the font has no glyph for is left out (emoji) or drawn as "?", never as
an empty box.
"""

import io
from collections.abc import Callable
from dataclasses import dataclass

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.code128 import Code128
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.units import mm
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from pos.domain.glyphs import stand_in
from pos.domain.receipt_layout import BarcodeRow, Row, RuleRow, TextRow, receipt_rows
from pos.domain.receipt_model import Receipt
from pos.reports.fonts import BOLD, FONT, register_fonts

PAGE_WIDTH = 80 * mm
MARGIN = 5 * mm
TEXT_SIZE = 8.0
SIZES = {"normal": 8.0, "bold": 8.0, "total": 11.0, "title": 14.0}
LEADING = 1.3
"""Line height as a multiple of the font size."""
INDENT_STEP = 2.5 * mm
"""Indent per character of a row's `indent`."""
GAP = 3 * mm
RULE_SPACE = 3 * mm
BARCODE_HEIGHT = 12 * mm
BAR_WIDTH = 0.3 * mm
QR_SIZE = 28 * mm


@dataclass(frozen=True, slots=True)
class _Placed:
    """A row's height and how to draw it with its top at `y`."""

    height: float
    draw: Callable[[Canvas, float], None]


def render_receipt_pdf(receipt: Receipt) -> bytes:
    """The receipt as one PDF page, 80 mm wide (a gift receipt without prices)."""
    register_fonts()
    placed = [_place(row) for row in receipt_rows(receipt)]
    height = sum(item.height for item in placed) + 2 * MARGIN
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(PAGE_WIDTH, height), invariant=True)
    canvas.setTitle(f"Receipt {receipt.receipt_number}")
    canvas.setAuthor(receipt.shop.name)
    y = height - MARGIN
    for item in placed:
        item.draw(canvas, y)
        y -= item.height
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _place(row: Row) -> _Placed:
    if isinstance(row, TextRow):
        return _text(row)
    if isinstance(row, RuleRow):
        return _Placed(RULE_SPACE, _rule)
    if isinstance(row, BarcodeRow):
        return _barcode(row.data)
    return _qr(row.data)


def _text(row: TextRow) -> _Placed:
    font = FONT if row.emphasis == "normal" else BOLD
    size = SIZES[row.emphasis]
    leading = size * LEADING
    width = PAGE_WIDTH - 2 * MARGIN
    left, right = _drawable(row.left, font), _drawable(row.right, font)
    indent = row.indent * INDENT_STEP
    room = width - indent - (pdfmetrics.stringWidth(right, font, size) + GAP if right else 0)
    lines = simpleSplit(left, font, size, room) or [""]

    def draw(canvas: Canvas, top: float) -> None:
        canvas.setFont(font, size)
        for number, line in enumerate(lines):
            baseline = top - size - number * leading
            if row.centred and not right:
                canvas.drawCentredString(PAGE_WIDTH / 2, baseline, line)
            else:
                canvas.drawString(MARGIN + indent, baseline, line)
        if right:
            canvas.drawRightString(PAGE_WIDTH - MARGIN, top - size, right)

    return _Placed(len(lines) * leading, draw)


def _rule(canvas: Canvas, top: float) -> None:
    y = top - RULE_SPACE / 2
    canvas.setLineWidth(0.4)
    canvas.setDash(1, 1.5)
    canvas.line(MARGIN, y, PAGE_WIDTH - MARGIN, y)
    canvas.setDash()


def _barcode(data: str) -> _Placed:
    code = Code128(data, barWidth=BAR_WIDTH, barHeight=BARCODE_HEIGHT, humanReadable=False)

    def draw(canvas: Canvas, top: float) -> None:
        bars_bottom = top - 1 * mm - BARCODE_HEIGHT
        code.drawOn(canvas, (PAGE_WIDTH - code.width) / 2, bars_bottom)
        canvas.setFont(FONT, TEXT_SIZE)
        canvas.drawCentredString(PAGE_WIDTH / 2, bars_bottom - TEXT_SIZE - 1, data)

    return _Placed(BARCODE_HEIGHT + TEXT_SIZE + 3 * mm, draw)


def _qr(data: str) -> _Placed:
    widget = QrCodeWidget(data)
    left, bottom, right, top_edge = widget.getBounds()
    scale_x, scale_y = QR_SIZE / (right - left), QR_SIZE / (top_edge - bottom)
    drawing = Drawing(QR_SIZE, QR_SIZE, transform=[scale_x, 0, 0, scale_y, 0, 0])
    drawing.add(widget)

    def draw(canvas: Canvas, top: float) -> None:
        renderPDF.draw(drawing, canvas, (PAGE_WIDTH - QR_SIZE) / 2, top - QR_SIZE - 1 * mm)

    return _Placed(QR_SIZE + 2 * mm, draw)


def _drawable(text: str, font_name: str) -> str:
    """`text` with characters the font cannot draw replaced (emoji and the like)."""
    font = pdfmetrics.getFont(font_name)
    if not isinstance(font, TTFont):
        return text
    glyphs = font.face.charToGlyph
    return "".join(char if ord(char) in glyphs else stand_in(char) for char in text)
