"""The DejaVu fonts shipped in resources/fonts, registered with reportlab once.

They cover Latin (Łódź, Ærø, ß), Greek and Cyrillic, and are embedded (subset) in
every PDF, so a report prints the same on any machine.
"""

import threading

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from pos.config import RESOURCES_DIR

FONT = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
ITALIC = "DejaVuSans-Oblique"
FONT_FILES = {FONT: "DejaVuSans.ttf", BOLD: "DejaVuSans-Bold.ttf", ITALIC: "DejaVuSans-Oblique.ttf"}

_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the report fonts with reportlab (safe to call from any thread, any time)."""
    global _registered
    with _lock:
        if _registered:
            return
        for name, file_name in FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(RESOURCES_DIR / "fonts" / file_name)))
        addMapping(FONT, 0, 0, FONT)
        addMapping(FONT, 1, 0, BOLD)
        addMapping(FONT, 0, 1, ITALIC)
        addMapping(FONT, 1, 1, BOLD)
        _registered = True
