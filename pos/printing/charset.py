"""Text the printer can print: every character in the receipt's code page, or a clean stand-in.

A thermal printer prints one byte per character from its active code page; anything
else comes out as garbage. So before text is laid out, each character is kept when
the code page has it, else spelled in ASCII ("€" -> "EUR", "ł" -> "l", "é" -> "e"),
else dropped when it is decoration (emoji, symbols, joiners), else printed as "?".
Control characters become spaces, so a product name can never smuggle printer
commands (ESC, GS) onto the paper.
"""

import unicodedata
from functools import lru_cache

from pos.domain.glyphs import UNPRINTABLE, stand_in

SPELLED = {
    "\N{EURO SIGN}": "EUR", "\N{POUND SIGN}": "GBP", "\N{EN DASH}": "-", "\N{EM DASH}": "-",
    "\N{HYPHEN}": "-", "\N{NON-BREAKING HYPHEN}": "-", "\N{MINUS SIGN}": "-",
    "\N{LEFT SINGLE QUOTATION MARK}": "'", "\N{RIGHT SINGLE QUOTATION MARK}": "'",
    "\N{SINGLE LOW-9 QUOTATION MARK}": ",", "\N{LEFT DOUBLE QUOTATION MARK}": '"',
    "\N{RIGHT DOUBLE QUOTATION MARK}": '"', "\N{DOUBLE LOW-9 QUOTATION MARK}": '"',
    "\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}": '"',
    "\N{RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK}": '"',
    "\N{HORIZONTAL ELLIPSIS}": "...", "\N{BULLET}": "*", "\N{MIDDLE DOT}": ".",
    "\N{MULTIPLICATION SIGN}": "x", "\N{DIVISION SIGN}": "/", "\N{TRADE MARK SIGN}": "TM",
    "\N{COPYRIGHT SIGN}": "(C)", "\N{REGISTERED SIGN}": "(R)",
    "\N{LATIN SMALL LETTER SHARP S}": "ss", "\N{LATIN CAPITAL LETTER AE}": "AE",
    "\N{LATIN SMALL LETTER AE}": "ae", "\N{LATIN CAPITAL LETTER O WITH STROKE}": "O",
    "\N{LATIN SMALL LETTER O WITH STROKE}": "o", "\N{LATIN CAPITAL LIGATURE OE}": "OE",
    "\N{LATIN SMALL LIGATURE OE}": "oe", "\N{LATIN CAPITAL LETTER L WITH STROKE}": "L",
    "\N{LATIN SMALL LETTER L WITH STROKE}": "l", "\N{LATIN CAPITAL LETTER D WITH STROKE}": "D",
    "\N{LATIN SMALL LETTER D WITH STROKE}": "d", "\N{LATIN CAPITAL LETTER THORN}": "Th",
    "\N{LATIN SMALL LETTER THORN}": "th", "\N{LATIN SMALL LETTER DOTLESS I}": "i",
}
"""ASCII for characters whose decomposition does not give one."""


class Charset:
    """Maps text onto one code page (`codec` is a Python codec name: "cp858", "ascii")."""

    def __init__(self, codec: str) -> None:
        self.codec = codec
        self._char = lru_cache(maxsize=4096)(self._printable_char)

    def printable(self, text: str) -> str:
        """`text` with every character printable in the code page, spaces collapsed."""
        if text.isascii() and text.isprintable():
            return text
        mapped = "".join(self._char(char) for char in unicodedata.normalize("NFC", text))
        cleaned = " ".join(mapped.split())
        return cleaned or (UNPRINTABLE if text.strip() else "")

    def _printable_char(self, char: str) -> str:
        category = unicodedata.category(char)
        if category in ("Cc", "Zl", "Zp", "Zs"):
            return " "
        if self._encodable(char):
            return char
        spelled = SPELLED.get(char)
        if spelled is not None and self._encodable(spelled):
            return spelled
        stripped = "".join(
            part for part in unicodedata.normalize("NFKD", char)
            if not unicodedata.combining(part)
        )
        if stripped and self._encodable(stripped):
            return stripped
        return stand_in(char)

    def _encodable(self, text: str) -> bool:
        try:
            text.encode(self.codec)
        except UnicodeEncodeError:
            return False
        return True
