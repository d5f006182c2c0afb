"""What a printer model can do, from python-escpos's capabilities profile (`POS_PRINTER_PROFILE`).

The profile says the paper width in characters per font (32 on 58 mm paper, 42 or
48 on 80 mm), which code pages the printer has, whether it has a cutter and whether
it draws barcodes and QR codes itself. The receipt's code page is chosen here once:
CP858 when the printer has it (the only common DOS page with both £ and €; without
it python-escpos picks a Greek page for €, PRINTING.md item 9).
"""

import difflib
from dataclasses import dataclass
from functools import cache
from typing import Literal

from pos.printing.errors import PrinterSetupError
from pos.printing.escpos_lib import capabilities_module

Font = Literal["a", "b"]

PREFERRED_CODE_PAGES = ("CP858", "CP1252", "CP850", "CP437")
"""Best first: CP858 has £ and €; CP1252 € too; CP850 and CP437 at least £ é ü ñ."""
PYTHON_CODECS = {"CP858": "cp858", "CP1252": "cp1252", "CP850": "cp850", "CP437": "cp437"}
DEFAULT_PIXELS = 384
"""Image width to assume when a profile does not know its own (the narrowest paper)."""
COMMON_PROFILES = ("TM-T20II", "TM-T88V", "POS-5890")
"""Profiles to suggest when a name is not close to any."""


@dataclass(frozen=True, slots=True)
class PrinterProfile:
    name: str
    font: Font
    columns: int
    code_page: str | None
    """The code page receipts are printed in; None: plain ASCII only."""
    code_page_numbers: dict[int, str]
    """ESC t numbers of this model's code pages (to read its output back)."""
    cutter: bool
    hardware_barcode: bool
    native_qr: bool
    width_pixels: int | None

    @property
    def codec(self) -> str:
        """The Python codec of the receipt's code page."""
        return PYTHON_CODECS[self.code_page] if self.code_page else "ascii"

    @property
    def image_width(self) -> int:
        return self.width_pixels or DEFAULT_PIXELS


def profile_names() -> tuple[str, ...]:
    return tuple(sorted(capabilities_module().CAPABILITIES["profiles"]))


def profile_hint(name: str) -> str:
    """What to write instead of the unknown profile `name`: the closest names, else common ones."""
    close = difflib.get_close_matches(name, profile_names(), n=3, cutoff=0.5)
    return f"did you mean {', '.join(close)}?" if close else f"e.g. {', '.join(COMMON_PROFILES)}"


@cache
def load_profile(name: str, font: Font = "a") -> PrinterProfile:
    """The profile called `name`, or `PrinterSetupError` naming the closest ones."""
    if name not in profile_names():
        raise PrinterSetupError(
            f"unknown printer profile {name!r}; set POS_PRINTER_PROFILE to a python-escpos "
            f"profile ({profile_hint(name)})"
        )
    profile = capabilities_module().get_profile(name)
    font_number = {"a": 0, "b": 1}[font]
    if str(font_number) not in profile.fonts:
        raise PrinterSetupError(f"printer profile {name} has no font {font.upper()}")
    pages = profile.get_code_pages()
    pixels = profile.profile_data.get("media", {}).get("width", {}).get("pixels")
    return PrinterProfile(
        name=name,
        font=font,
        columns=int(profile.get_columns(font_number)),
        code_page=next((page for page in PREFERRED_CODE_PAGES if page in pages), None),
        code_page_numbers={int(number): page for page, number in pages.items()},
        cutter=bool(profile.supports("paperFullCut") or profile.supports("paperPartCut")),
        hardware_barcode=bool(profile.supports("barcodeB")),
        native_qr=bool(profile.supports("qrCode")),
        width_pixels=pixels if isinstance(pixels, int) else None,
    )
