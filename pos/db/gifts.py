"""Reading sales' gift marks, and forgetting the recipients' names on an erasure.

The checkout writes `sale_gift` rows itself, in the sale's transaction; nothing here
commits."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.db.models import Sale, SaleGift, SaleLine


def gifts_of_sale(session: Session, sale_id: int) -> list[SaleGift]:
    """The sale's gift marks: the whole sale's first, then by line."""
    return list(session.scalars(
        select(SaleGift).where(SaleGift.sale_id == sale_id)
        .order_by(SaleGift.line_no.is_not(None), SaleGift.line_no, SaleGift.id)
    ))


def gifts_with_items(session: Session, sale_id: int) -> list[tuple[SaleGift, str | None]]:
    """The sale's gift marks, each with the name of the line it is on (None: the sale)."""
    rows = session.execute(
        select(SaleGift, SaleLine.name)
        .outerjoin(SaleLine, (SaleLine.sale_id == SaleGift.sale_id)
                   & (SaleLine.line_no == SaleGift.line_no))
        .where(SaleGift.sale_id == sale_id)
        .order_by(SaleGift.line_no.is_not(None), SaleGift.line_no, SaleGift.id)
    )
    return [(gift, name) for gift, name in rows]


def gifts_of_customer(session: Session, customer_id: int) -> dict[int, list[SaleGift]]:
    """The gift marks of the customer's sales, per sale id (for their data export)."""
    found: dict[int, list[SaleGift]] = {}
    for gift in session.scalars(
        select(SaleGift).join(Sale, Sale.id == SaleGift.sale_id)
        .where(Sale.customer_id == customer_id)
        .order_by(SaleGift.sale_id, SaleGift.line_no.is_not(None), SaleGift.line_no, SaleGift.id)
    ):
        found.setdefault(gift.sale_id, []).append(gift)
    return found
