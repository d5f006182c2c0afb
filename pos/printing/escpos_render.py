"""Receipts, drawer kicks and test pages to ESC/POS bytes, through python-escpos's Dummy printer.

Rendering never talks to a printer: it makes the bytes of one whole job, which the
print queue stores and a transport sends. Each job is a fresh `Dummy` that starts
with ESC @ and selects its code page (ESC t), so no job depends on what the one
before left set, and the encoder's idea of the code page always matches the
printer's (PRINTING.md item 10). Every text goes through `Charset` first, so only
bytes of that code page are ever sent.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pos.config import DEFAULT_PRINTER_PROFILE
from pos.domain.receipt_layout import (
    BarcodeRow,
    Emphasis,
    QrRow,
    Row,
    RuleRow,
    TextRow,
    receipt_rows,
)
from pos.domain.receipt_model import Receipt
from pos.printing.charset import Charset
from pos.printing.columns import fit, wrap
from pos.printing.escpos_lib import printer_module
from pos.printing.logo import load_logo
from pos.printing.profiles import Font, PrinterProfile, load_profile

CODE128_SET_B = "{B"
"""python-escpos needs the code set named before CODE128 data (PRINTING.md item 11)."""
BARCODE_HEIGHT = 64
DRAWER_PIN = 2
QR_MODULE_DOTS = {True: 4, False: 6}
"""QR module size on narrow (58 mm) and wide paper."""
NARROW_COLUMNS = 36
TEST_CHARACTERS = "é ü ñ £ € ß Ø"
_SIZES: dict[Emphasis, tuple[int, int]] = {
    "normal": (1, 1), "bold": (1, 1), "total": (1, 2), "title": (2, 2)
}
"""Character width and height multipliers of each emphasis."""


@dataclass(frozen=True, slots=True)
class RenderOptions:
    profile: str = DEFAULT_PRINTER_PROFILE
    font: Font = "a"
    logo: Path | None = None
    """An image to print above the shop's name; left off if it cannot be printed."""

    def printer_profile(self) -> PrinterProfile:
        return load_profile(self.profile, self.font)


def render_receipt(receipt: Receipt, options: RenderOptions) -> bytes:
    """One receipt job: logo, every row of the receipt's layout, then the cut."""
    job = _Job(options.printer_profile())
    if options.logo is not None:
        job.logo(options.logo)
    job.rows(receipt_rows(receipt))
    return job.finish(cut=True)


def render_drawer_kick(options: RenderOptions) -> bytes:
    """A job that only opens the cash drawer: a 100 ms pulse on pin 2 (ESC p 0 50 50)."""
    job = _Job(options.printer_profile(), select_code_page=False)
    job.printer.cashdraw(DRAWER_PIN)
    return job.finish(cut=False)


def render_test_page(options: RenderOptions, *, printer: str, printed_at: str) -> bytes:
    """A page that shows the printer works: widths, characters, emphasis, barcode, cut."""
    profile = options.printer_profile()
    ruler = "".join(str(n % 10) for n in range(1, profile.columns + 1))
    rows: list[Row] = [
        TextRow("TEST PAGE", centred=True, emphasis="title"),
        TextRow(printer, centred=True),
        TextRow(printed_at, centred=True),
        RuleRow(),
        TextRow(f"Profile {profile.name}"),
        TextRow(f"{profile.columns} columns, code page {profile.code_page or 'ASCII'}"),
        TextRow(ruler),
        TextRow(f"Characters: {TEST_CHARACTERS}"),
        TextRow("Right-aligned amount", "1234.56"),
        TextRow("Bold text", emphasis="bold"),
        TextRow("Large text", emphasis="total"),
        BarcodeRow("TEST"),
    ]
    job = _Job(profile)
    job.rows(rows)
    return job.finish(cut=True)


class _Job:
    """One Dummy printer, fed row by row; tracks alignment and style to send only changes."""

    def __init__(self, profile: PrinterProfile, *, select_code_page: bool = True) -> None:
        self.profile = profile
        self.charset = Charset(profile.codec)
        self.printer: Any = printer_module().Dummy(profile=profile.name)
        self._centred = False
        self._emphasis: Emphasis = "normal"
        self.printer.hw("INIT")
        if select_code_page and profile.code_page:
            self.printer.charcode(profile.code_page)
        if profile.font != "a":
            self.printer.set(font=profile.font)

    def rows(self, rows: Iterable[Row]) -> None:
        for row in rows:
            if isinstance(row, TextRow):
                self._text(row)
            elif isinstance(row, RuleRow):
                self._style(centred=False, emphasis="normal")
                self.printer.textln("-" * self.profile.columns)
            elif isinstance(row, BarcodeRow):
                self._barcode(row.data)
            else:
                self._qr(row)

    def logo(self, path: Path) -> None:
        image = load_logo(path, self.profile.image_width)
        if image is not None:
            self.printer.image(image, center=self.profile.width_pixels is not None)

    def finish(self, *, cut: bool) -> bytes:
        if cut:
            self._style(centred=False, emphasis="normal")
            self.printer.cut(mode="PART")
        return bytes(self.printer.output)

    def _text(self, row: TextRow) -> None:
        self._style(centred=row.centred, emphasis=row.emphasis)
        width = self.profile.columns // 2 if row.emphasis == "title" else self.profile.columns
        left = self.charset.printable(row.left)
        if row.centred and not row.right:
            lines = wrap(left, width)
        else:
            lines = fit(left, self.charset.printable(row.right), width, row.indent)
        for line in lines:
            self.printer.textln(line.rstrip() if row.centred else line)

    def _style(self, *, centred: bool, emphasis: Emphasis) -> None:
        """Alignment (ESC a), size (GS !, which leaves bold and font alone) and bold (ESC E)."""
        if centred != self._centred:
            self.printer.set(align="center" if centred else "left")
            self._centred = centred
        size, bold = _SIZES[emphasis], emphasis != "normal"
        if size != _SIZES[self._emphasis]:
            self.printer.set(custom_size=True, width=size[0], height=size[1])
        if bold != (self._emphasis != "normal"):
            self.printer.set(bold=bold)
        self._emphasis = emphasis

    def _barcode(self, data: str) -> None:
        if self.profile.hardware_barcode:
            # Centred by us, not by barcode(align_ct=True), which would leave the printer
            # centred behind our back (PRINTING.md item 11).
            self._style(centred=True, emphasis="normal")
            self.printer.barcode(
                CODE128_SET_B + data, "CODE128", height=BARCODE_HEIGHT,
                width=self._bar_width(data), pos="BELOW", font="A", align_ct=False,
                function_type="B",
            )
        else:  # the printer cannot draw CODE128: an image of it (no "{B" among the bars)
            self._style(centred=False, emphasis="normal")
            self.printer.barcode(
                data, "CODE128", height=BARCODE_HEIGHT, width=2,
                align_ct=self.profile.width_pixels is not None, force_software=True,
            )
        self.printer.ln()

    def _bar_width(self, data: str) -> int:
        """Module width in dots: 3 when the barcode fits the paper at 3, else 2."""
        modules = 11 * (len(data) + 3) + 2  # start, data, check digit, stop (13)
        return 3 if modules * 3 <= self.profile.image_width else 2

    def _qr(self, row: QrRow) -> None:
        size = QR_MODULE_DOTS[self.profile.columns <= NARROW_COLUMNS]
        if self.profile.native_qr:
            self._style(centred=True, emphasis="normal")
            self.printer.qr(row.data, native=True, size=size)
            self.printer.ln()
        else:
            self._style(centred=False, emphasis="normal")
            self.printer.qr(row.data, size=size, center=self.profile.width_pixels is not None)
