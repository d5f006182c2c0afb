"""Reading sales' gift marks, and forgetting the recipients' names on an erasure.

The checkout writes `sale_gift` rows itself, in the sale's transaction; nothing here
commits."""

from sqlalchemy import select, update
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


def forget_recipients(session: Session, customer_id: int) -> int:
    """Empty the recipients' names on the customer's sales (run before the sales lose
    their link to the customer); the occasions stay. Returns the rows changed."""
    their_sales = select(Sale.id).where(Sale.customer_id == customer_id)
    result = session.execute(
        update(SaleGift).where(SaleGift.sale_id.in_(their_sales), SaleGift.recipient != "")
        .values(recipient="").execution_options(synchronize_session=False)
    )
    return int(getattr(result, "rowcount", 0) or 0)
