"""Ratings of a visit: given on the customer display or told to the cashier right after
the sale, or sent later with the feedback code printed on the receipt.

One rating counts per sale; a later one replaces it and the replaced one is kept,
marked with when it was replaced (see `pos.domain.ratings`).
"""

from collections.abc import Callable

from pos.db.database import Database
from pos.db.linked_records import LinkedRecords
from pos.db.models import Sale, VisitRating
from pos.db.ratings import RatingRepository
from pos.domain import ratings
from pos.domain.choices import one_of
from pos.domain.clock import Clock, utc_now
from pos.domain.errors import NotFoundError, UserError
from pos.domain.ratings import RATING_SOURCES, RatingItem, RatingSource
from pos.services.link_checks import require_sale

SaleFinder = Callable[[LinkedRecords], Sale]


class RatingService:
    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        self._database = database
        self._clock = clock

    def rate(
        self, sale_id: int, stars: int, word: str = "", source: str = "cashier"
    ) -> RatingItem:
        """Record the customer's rating of a sale (1 to 5 stars and an optional word)."""
        chosen = one_of(source, RATING_SOURCES, "rating source")
        return self._rate(lambda links: require_sale(links, sale_id), stars, word, chosen)

    def feedback_code(self, receipt_number: str) -> str:
        """The text of the feedback QR code printed on the receipt."""
        return ratings.feedback_code(receipt_number)

    def record_from_code(self, code: str, stars: int, word: str = "") -> RatingItem:
        """Record a rating sent later with the receipt's feedback code."""
        receipt_number = ratings.receipt_number_from_code(code)

        def find(links: LinkedRecords) -> Sale:
            sale = links.sale_by_receipt(receipt_number)
            if sale is None:
                raise NotFoundError(f"no sale has the receipt number {receipt_number}; "
                                    "check the code on the receipt")
            return sale

        return self._rate(find, stars, word, "receipt_code")

    def for_sale(self, sale_id: int) -> RatingItem | None:
        with self._database.reader() as uow:
            rating = RatingRepository(uow.session).current(sale_id)
            sale = LinkedRecords(uow.session).sale(sale_id)
            if rating is None or sale is None:
                return None
            return _item(rating, sale.receipt_number, None)

    def _rate(
        self, find_sale: SaleFinder, stars: int, word: str, source: RatingSource
    ) -> RatingItem:
        rating = VisitRating(
            stars=ratings.checked_stars(stars), word=ratings.checked_word(word), source=source,
        )
        now = self._clock()
        with self._database.writer() as uow:
            sale = find_sale(LinkedRecords(uow.session))
            if sale.kind != "sale":
                raise UserError(f"receipt {sale.receipt_number} is a return; rate the sale")
            repo = RatingRepository(uow.session)
            replaced = repo.current(sale.id, lock=True)
            if replaced is not None:
                replaced.replaced_at = now
                repo.flush()
            rating.sale_id = sale.id
            rating.rated_at = now
            repo.add(rating)
            item = _item(rating, sale.receipt_number, replaced)
            uow.commit()
        return item


def _item(rating: VisitRating, receipt_number: str, replaced: VisitRating | None) -> RatingItem:
    return RatingItem(
        sale_id=rating.sale_id, receipt_number=receipt_number, stars=rating.stars,
        word=rating.word, source=one_of(rating.source, RATING_SOURCES, "rating source"),
        rated_at=rating.rated_at, replaced_stars=None if replaced is None else replaced.stars,
    )
