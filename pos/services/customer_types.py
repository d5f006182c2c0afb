"""What the customer services take and give back: plain frozen dataclasses, no ORM objects.

Shaped for the till: `CustomerHit` is a row of `Customer results`, `CustomerPanel` fills
`Customer panel`, `NewCustomer` is the `Add customer` form (and the edit form), and
`DuplicateCustomerError` carries the customers the form should offer instead.
"""

from dataclasses import dataclass
from datetime import datetime

from pos.domain.customer_details import Birthday
from pos.domain.customer_records import CustomerHit, PastSale, UsualProduct
from pos.domain.errors import UserError

__all__ = [
    "Consents",
    "CustomerHit",
    "CustomerPanel",
    "DuplicateCustomerError",
    "ErasedCustomer",
    "MergedCustomers",
    "NewCustomer",
    "PastSale",
    "UsualProduct",
]


@dataclass(frozen=True, slots=True)
class NewCustomer:
    """A customer's details as typed: for `create`, and, edited, for `update`.

    Only `name` is required. The phone may be written in any format (it is parsed in the
    shop's country); the birthday needs day and month together, the year is optional.
    """

    name: str
    address_as: str = ""
    """How they like to be addressed ("Mrs Patel", "Jo")."""
    phone: str = ""
    email: str = ""
    birthday_day: int | None = None
    birthday_month: int | None = None
    birthday_year: int | None = None
    notes: str = ""
    tags: tuple[str, ...] = ()
    """Preferences: "likes dark roast", "size M"."""
    language: str = ""
    loyalty_card: str = ""
    code: str = ""
    consent_marketing_email: bool = False
    consent_sms: bool = False
    consent_keep_history: bool = True


class DuplicateCustomerError(UserError):
    """The new (or edited) customer looks like one already there; `candidates` are they.

    The form shows them to pick from, or creates anyway with `allow_duplicate=True`.
    """

    def __init__(self, message: str, candidates: tuple[CustomerHit, ...]) -> None:
        super().__init__(message)
        self.candidates = candidates


@dataclass(frozen=True, slots=True)
class Consents:
    marketing_email: bool
    sms: bool
    keep_history: bool
    given_at: datetime | None
    """When they last gave or changed their consents."""


@dataclass(frozen=True, slots=True)
class CustomerPanel:
    """Everything `Customer panel` shows, read from precomputed statistics and indexes."""

    id: int
    code: str | None
    name: str
    address_as: str
    phone: str
    email: str
    loyalty_card: str | None
    language: str
    birthday: Birthday | None
    birthday_today: bool
    birthday_this_week: bool
    """Today or in the next six days."""
    visits: int
    first_visit_at: datetime | None
    last_visit_at: datetime | None
    lifetime_spend_minor: int
    average_basket_minor: int
    """Spend per visit, rounded half up (0 before the first visit)."""
    usual_products: tuple[UsualProduct, ...]
    last_sales: tuple[PastSale, ...]
    notes: str
    tags: tuple[str, ...]
    consents: Consents
    created_at: datetime
    badges: tuple[str, ...] = ()
    """Open items from later features (follow-ups, promises, complaints)."""


@dataclass(frozen=True, slots=True)
class MergedCustomers:
    kept: CustomerHit
    merged_id: int
    moved: dict[str, int]
    """Rows moved to the kept customer, by `table.column`."""


@dataclass(frozen=True, slots=True)
class ErasedCustomer:
    id: int
    erased_at: datetime
    sales_kept: int
    """Sales and returns kept for the accounts, no longer linked to the person."""
    released: dict[str, int]
    """Rows unlinked or deleted, by `table.column`."""
    audit_id: int
