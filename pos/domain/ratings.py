"""Ratings of a visit (1 to 5 stars and an optional word), and the feedback code printed
on the receipt so a rating given later can be recorded against its sale.

One rating counts per sale: a later one replaces it, and the replaced one is kept
(marked replaced) so nothing said is lost. The customer may tap 3 on the display and
correct it to 4, or send a rating with the receipt code the next day.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Literal, get_args

from pos.domain.errors import UserError

RatingSource = Literal["cashier", "display", "receipt_code"]
RATING_SOURCES: tuple[RatingSource, ...] = get_args(RatingSource)
MIN_STARS = 1
MAX_STARS = 5
MAX_WORD = 80
FEEDBACK_PREFIX = "POS-FB:"
_RECEIPT_NUMBER = re.compile(r"R\S+-\d+")


@dataclass(frozen=True, slots=True)
class RatingItem:
    sale_id: int
    receipt_number: str
    stars: int
    word: str
    source: RatingSource
    rated_at: datetime
    replaced_stars: int | None = None
    """In the answer to rating a visit: the stars of the rating this one replaced, if the
    visit had been rated before (a rating read back later leaves it None)."""


def checked_stars(stars: int) -> int:
    if not MIN_STARS <= stars <= MAX_STARS:
        raise UserError(f"a rating is {MIN_STARS} to {MAX_STARS} stars, not {stars}")
    return stars


def checked_word(word: str) -> str:
    cleaned = " ".join(word.split())
    if len(cleaned) > MAX_WORD:
        raise UserError(f"keep the word short: {MAX_WORD} characters at most")
    return cleaned


def feedback_code(receipt_number: str) -> str:
    """The text of the receipt's feedback QR code, e.g. `POS-FB:R1-000123`."""
    return f"{FEEDBACK_PREFIX}{receipt_number}"


def receipt_number_from_code(code: str) -> str:
    """The receipt number in a scanned or typed feedback code (the prefix may be left out
    when typed, and its case and spaces do not matter)."""
    cleaned = "".join(code.split())
    has_prefix = cleaned[: len(FEEDBACK_PREFIX)].upper() == FEEDBACK_PREFIX
    number = cleaned[len(FEEDBACK_PREFIX):] if has_prefix else cleaned
    if not _RECEIPT_NUMBER.fullmatch(number):
        raise UserError(
            f"{code!r} is not a feedback code; it reads like {feedback_code('R1-000123')}"
        )
    return number
