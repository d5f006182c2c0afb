"""Fitting text into a receipt's columns: wrapped at spaces, amounts right-aligned.

Words are never cut, except a single word longer than the whole width, which is
broken (a 200-character product code still prints, in pieces).
"""

import textwrap
from functools import lru_cache

GAP = 1
"""Spaces at least between text and its right-aligned amount."""
MIN_TEXT = 8
"""Narrower than this beside an amount, text gets lines of its own, the amount below."""


@lru_cache(maxsize=256)
def _wrapper(width: int, indent: int) -> textwrap.TextWrapper:
    return textwrap.TextWrapper(
        width=width,
        initial_indent=" " * indent,
        subsequent_indent=" " * indent,
        break_long_words=True,
        break_on_hyphens=True,
    )


def wrap(text: str, width: int, indent: int = 0) -> list[str]:
    """`text` in lines of at most `width` characters (indented by `indent`)."""
    if width <= indent:
        raise ValueError(f"{width} columns leave no room after an indent of {indent}")
    return _wrapper(width, indent).wrap(text) or [""]


def fit(left: str, right: str, width: int, indent: int = 0) -> list[str]:
    """Lines of at most `width` characters: `left` wrapped, `right` at the end of the first."""
    if not right:
        return wrap(left, width, indent)
    right = right[:width]
    text_width = width - len(right) - GAP
    alone = indent + len(left) <= width < indent + len(left) + GAP + len(right)
    if alone or text_width - indent < MIN_TEXT:
        # fits a line on its own but not beside the amount: the amount goes below
        return [*wrap(left, width, indent), right.rjust(width)]
    lines = wrap(left, text_width, indent)
    lines[0] = lines[0].ljust(text_width + GAP) + right
    return lines


def centre(text: str, width: int) -> list[str]:
    """`text` wrapped and centred (for outputs that centre by padding, like the preview)."""
    return [line.center(width).rstrip() for line in wrap(text, width)]
