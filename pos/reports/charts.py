"""Charts drawn with reportlab.graphics: bars over time and shaded grids (heat maps)."""

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors

from pos.reports.document import BarChart, HeatMap, Share
from pos.reports.fonts import BOLD, FONT
from pos.reports.formatting import Formatter

INK = colors.HexColor("#1f3b57")
ACCENT = colors.HexColor("#2f7d6d")
PAPER = colors.white
GRID_LINE = colors.HexColor("#d9dee3")
BAR_HEIGHT = 170
MAX_LABELS = 16
CELL_HEIGHT = 15
LABEL_WIDTH = 78
HEADER_HEIGHT = 16
TITLE_HEIGHT = 16
SMALL = 6.5
CELL_TEXT_MIN_WIDTH = 24


def bar_chart(chart: BarChart, formatter: Formatter, width: float) -> Drawing:
    """Bars for a series in time order; every n-th label shown so they never overlap."""
    drawing = Drawing(width, BAR_HEIGHT)
    drawing.add(String(0, BAR_HEIGHT - 11, chart.title, fontName=BOLD, fontSize=9,
                       fillColor=INK))
    scale = 10**formatter.exponent if chart.money else 1
    values = [value / scale for value in chart.values]  # plotting only; money stays int
    bars = VerticalBarChart()
    bars.x, bars.y = 58, 36
    bars.width, bars.height = int(width) - 64, BAR_HEIGHT - 62
    bars.data = [values or [0]]
    bars.barSpacing = 1
    bars.bars[0].fillColor = ACCENT
    bars.bars[0].strokeColor = None
    bars.valueAxis.valueMin = min(0.0, *values) if values else 0.0
    bars.valueAxis.labels.fontName = FONT
    bars.valueAxis.labels.fontSize = 7
    bars.valueAxis.labelTextFormat = (
        formatter.money_rounded if chart.money else lambda v: formatter.count(round(v))
    )
    bars.valueAxis.gridStrokeColor = GRID_LINE
    bars.valueAxis.visibleGrid = True
    step = max(1, -(-len(chart.labels) // MAX_LABELS))
    bars.categoryAxis.categoryNames = [
        label if number % step == 0 else "" for number, label in enumerate(chart.labels)
    ] or [""]
    bars.categoryAxis.labels.fontName = FONT
    bars.categoryAxis.labels.fontSize = 7
    bars.categoryAxis.labels.angle = 30
    bars.categoryAxis.labels.boxAnchor = "ne"
    drawing.add(bars)
    return drawing


def heat_map(chart: HeatMap, formatter: Formatter, width: float) -> Drawing:
    """A grid shaded from white (nothing) to the accent colour (the largest figure)."""
    columns = max(1, len(chart.column_labels))
    cell_width = (width - LABEL_WIDTH) / columns
    height = TITLE_HEIGHT + HEADER_HEIGHT + CELL_HEIGHT * len(chart.row_labels) + 2
    drawing = Drawing(width, height)
    drawing.add(String(0, height - 11, chart.title, fontName=BOLD, fontSize=9, fillColor=INK))
    top = height - TITLE_HEIGHT - HEADER_HEIGHT
    for number, label in enumerate(chart.column_labels):
        x = LABEL_WIDTH + (number + 0.5) * cell_width
        drawing.add(String(x, top + 4, label, fontName=FONT, fontSize=SMALL,
                           textAnchor="middle"))
    largest = max((_size(value) for row in chart.values for value in row), default=0.0) or 1.0
    for row_number, (label, row) in enumerate(zip(chart.row_labels, chart.values, strict=True)):
        y = top - (row_number + 1) * CELL_HEIGHT
        drawing.add(String(0, y + 4, label, fontName=FONT, fontSize=7))
        for column, value in enumerate(row):
            x = LABEL_WIDTH + column * cell_width
            strength = _size(value) / largest
            drawing.add(_cell(x, y, cell_width, _shade(strength)))
            if value and cell_width >= CELL_TEXT_MIN_WIDTH:
                drawing.add(String(
                    x + cell_width / 2, y + 4.5, formatter.cell(value), fontName=FONT,
                    fontSize=SMALL, textAnchor="middle",
                    fillColor=PAPER if strength > 0.55 else INK,
                ))
    return drawing


def _cell(x: float, y: float, width: float, fill: colors.Color) -> Rect:
    cell = Rect(x, y, width, CELL_HEIGHT)
    cell.fillColor, cell.strokeColor, cell.strokeWidth = fill, GRID_LINE, 0.3
    return cell


def _size(value: Share | int | None) -> float:
    if value is None:
        return 0.0
    if isinstance(value, Share):
        return value.part / value.whole if value.whole else 0.0
    return float(value)


def _shade(strength: float) -> colors.Color:
    return colors.linearlyInterpolatedColor(PAPER, ACCENT, 0.0, 1.0, max(0.0, min(1.0, strength)))
