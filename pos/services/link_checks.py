"""Checks that what a promise or complaint links to exists and may be linked, with
messages a cashier can act on."""

from typing import TypeVar

from pos.db.linked_records import LinkedRecords
from pos.db.models import Sale
from pos.domain.errors import NotFoundError, UserError

Found = TypeVar("Found")


def found(record: Found | None, what: str, number: int) -> Found:
    """`record`, looked up by its number; None means there is no such thing."""
    if record is None:
        raise NotFoundError(f"there is no {what} number {number}")
    return record


def require_customer(links: LinkedRecords, customer_id: int) -> None:
    """The customer exists and still has a record: nothing new is written about a
    customer whose personal data was erased."""
    customer = found(links.customer(customer_id), "customer", customer_id)
    if customer.erased_at is not None:
        raise UserError(
            f"customer {customer_id}'s personal data was erased on "
            f"{customer.erased_at:%Y-%m-%d}; nothing new can be recorded about them"
        )


def require_staff(links: LinkedRecords, user_id: int) -> None:
    found(links.user(user_id), "member of staff", user_id)


def require_product(links: LinkedRecords, product_id: int) -> None:
    found(links.product(product_id), "product", product_id)


def require_sale(links: LinkedRecords, sale_id: int) -> Sale:
    return found(links.sale(sale_id), "sale", sale_id)


def require_sale_of(links: LinkedRecords, sale_id: int, customer_id: int | None) -> Sale:
    """The sale, which must not have been made to another customer (one made without a
    customer attached may be theirs)."""
    sale = require_sale(links, sale_id)
    if sale.customer_id is not None and sale.customer_id != customer_id:
        raise UserError(
            f"receipt {sale.receipt_number} was a sale to another customer; "
            "choose one of this customer's own sales, or attach the customer it was made to"
        )
    return sale
