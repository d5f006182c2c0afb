"""The shop's logo for the top of the receipt, scaled to the paper, or nothing.

A logo that cannot be printed (not an image, damaged, absurdly large) is left off
with a warning in the log: a receipt without a logo beats no receipt.
"""

import logging
import warnings
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Pillow is imported at the first logo, not when the till starts
    from PIL.Image import Image

log = logging.getLogger(__name__)

MAX_HEIGHT = 240
"""Dots; a logo taller than this wastes paper on every receipt."""


def load_logo(path: Path, max_width: int) -> "Image | None":
    """The logo at `path` as a black-and-white image at most `max_width` dots wide."""
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as error:
        log.warning("receipt logo %s left off: %s", path, error.strerror or error)
        return None
    return _scaled(path, stamp, max_width)


@lru_cache(maxsize=8)
def _scaled(path: Path, _stamp: int, max_width: int) -> "Image | None":
    """Cached per file version (`_stamp`): converting an image costs more than a receipt."""
    from PIL import Image

    unreadable = (OSError, ValueError, SyntaxError, Image.DecompressionBombError,
                  Image.DecompressionBombWarning)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as opened:
                opened.load()
                image = opened.convert("L")
    except unreadable as error:
        log.warning("receipt logo %s left off: it cannot be read as an image (%s)", path, error)
        return None
    image.thumbnail((max_width, MAX_HEIGHT))
    return image.point(lambda level: 255 if level > 127 else 0).convert("1")
