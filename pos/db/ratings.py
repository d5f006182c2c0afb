"""Reading and writing visit ratings. Never commits: the rating service does."""

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.db.models import VisitRating


class RatingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def current(self, sale_id: int, *, lock: bool = False) -> VisitRating | None:
        """The sale's rating that counts (the partial unique index allows one)."""
        query = select(VisitRating).where(
            VisitRating.sale_id == sale_id, VisitRating.replaced_at.is_(None)
        )
        return self.session.scalars(query.with_for_update() if lock else query).one_or_none()

    def add(self, rating: VisitRating) -> None:
        self.session.add(rating)
        self.session.flush()

    def flush(self) -> None:
        """Write pending changes now (a replaced rating before its successor)."""
        self.session.flush()
