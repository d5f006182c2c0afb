"""Ratings of the sales in the period: stars per cashier, and the words given."""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pos.db.models import Sale, VisitRating
from pos.db.review_queries.window import ReviewWindow
from pos.domain.ratings import MIN_STARS
from pos.domain.service_review import NO_STARS, ByPerson, RatingComment, ServiceFigures

_CURRENT = VisitRating.replaced_at.is_(None)


def ratings_by_cashier(session: Session, window: ReviewWindow) -> ByPerson:
    rows = session.execute(
        select(Sale.cashier_id, VisitRating.stars, func.count())
        .join(Sale, Sale.id == VisitRating.sale_id)
        .where(window.sales(), _CURRENT)
        .group_by(Sale.cashier_id, VisitRating.stars)
    )
    figures: ByPerson = {}
    for cashier, stars, count in rows:
        figures[cashier] = figures.get(cashier, ServiceFigures()) + _rated(stars, int(count))
    return figures


def rating_comments(session: Session, window: ReviewWindow) -> tuple[RatingComment, ...]:
    rows = session.execute(
        select(VisitRating.stars, VisitRating.word)
        .join(Sale, Sale.id == VisitRating.sale_id)
        .where(window.sales(), _CURRENT, VisitRating.word != "")
        .order_by(Sale.completed_at, Sale.id)
    )
    return tuple(RatingComment(stars, word) for stars, word in rows)


def _rated(stars: int, count: int) -> ServiceFigures:
    distribution = list(NO_STARS)
    distribution[stars - MIN_STARS] = count
    return ServiceFigures(stars=tuple(distribution))
