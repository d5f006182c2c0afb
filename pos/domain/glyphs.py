"""What to show for a character an output cannot draw (a printer's code page, a PDF font)."""

import unicodedata

DECORATION_CATEGORIES = frozenset({"So", "Sk", "Mn", "Me", "Cf", "Cs", "Co", "Cn"})
"""Emoji and other symbols, stray combining marks, joiners and variation selectors."""
UNPRINTABLE = "?"


def stand_in(char: str) -> str:
    """Nothing for decoration (so "Gift box 🎁" reads "Gift box"), else "?" (so a name in
    a script the output lacks shows that something is there)."""
    return "" if unicodedata.category(char) in DECORATION_CATEGORIES else UNPRINTABLE
