"""A customer as the till lists them, and the pieces of their history the panel shows.

Plain values, read by the repositories and passed on by the services unchanged.
"""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True)
class CustomerHit:
    """A customer as a search result (enough to tell two Jane Smiths apart)."""

    id: int
    code: str | None
    name: str
    address_as: str
    phone: str
    email: str
    loyalty_card: str | None
    visits: int
    last_visit_at: datetime | None
    matched: str = "name"
    """What the typed text matched: "exact" (card, code, e-mail, whole number), "name"
    (the name starts with it), "phone" (a piece of the number) or "text" (a piece of a
    name, code or e-mail)."""
    spend_minor: int = 0
    """Lifetime spend, from the precomputed statistics (no extra read)."""


@dataclass(frozen=True, slots=True)
class UsualProduct:
    product_code: str
    name: str
    """As the catalogue names it now (the code, for a product no longer in it)."""
    times_bought: int
    """In how many sales."""
    quantity: int
    last_bought_at: datetime


@dataclass(frozen=True, slots=True)
class PastSale:
    id: int
    receipt_number: str
    kind: str
    """"sale" or "return"."""
    completed_at: datetime
    total_minor: int
    items: int
    """Units on the sale (on a return: units taken back, as a positive number)."""
