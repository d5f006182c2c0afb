"""Ratings of visits on SQLite and PostgreSQL: bounds, one rating counting per sale, and
the feedback code on the receipt."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from pos.db.database import Database
from pos.db.models import VisitRating
from pos.domain.errors import NotFoundError, UserError
from tests.factories import FIXED_NOW, row_counts
from tests.integration.kept_word import KeptWordShop


@pytest.fixture
def shop(database: Database) -> KeptWordShop:
    return KeptWordShop.open(database)


@pytest.mark.parametrize("stars", [1, 5])
def test_ratings_from_one_to_five_are_recorded(shop: KeptWordShop, stars: int) -> None:
    sale = shop.sell_mug(shop.ann)
    rated = shop.ratings.rate(sale.id, stars, "  very   quick ", "display")
    assert (rated.stars, rated.word, rated.source, rated.rated_at) == (
        stars, "very quick", "display", FIXED_NOW)
    assert shop.ratings.for_sale(sale.id) == rated


@pytest.mark.parametrize("stars", [0, 6, -1])
def test_a_rating_outside_one_to_five_is_refused(shop: KeptWordShop, stars: int) -> None:
    sale = shop.sell_mug()
    with pytest.raises(UserError, match=f"a rating is 1 to 5 stars, not {stars}"):
        shop.ratings.rate(sale.id, stars)
    assert row_counts(shop.database, VisitRating) == {"visit_rating": 0}


def test_bad_ratings_are_refused(shop: KeptWordShop) -> None:
    sale = shop.sell_mug()
    with pytest.raises(UserError, match="'kiosk' is not a rating source"):
        shop.ratings.rate(sale.id, 4, source="kiosk")
    with pytest.raises(UserError, match="keep the word short"):
        shop.ratings.rate(sale.id, 4, "x" * 81)
    with pytest.raises(NotFoundError, match="no sale number 999"):
        shop.ratings.rate(999, 4)
    returned = shop.till.returns.return_items("R1-000001", {1: 1}, "original", shop.alex)
    with pytest.raises(UserError, match=f"{returned.receipt_number} is a return"):
        shop.ratings.rate(returned.id, 4)
    assert row_counts(shop.database, VisitRating) == {"visit_rating": 0}


def test_a_second_rating_replaces_the_first_which_is_kept(shop: KeptWordShop) -> None:
    sale = shop.sell_mug(shop.ann)
    shop.ratings.rate(sale.id, 3, source="display")
    shop.clock.advance(seconds=20)
    second = shop.ratings.rate(sale.id, 4, "friendly", "display")

    assert (second.stars, second.replaced_stars) == (4, 3)
    current = shop.ratings.for_sale(sale.id)
    assert current is not None
    assert (current.stars, current.word) == (4, "friendly")
    with shop.database.reader() as uow:
        history = [(r.stars, r.replaced_at) for r in uow.session.scalars(
            select(VisitRating).order_by(VisitRating.id))]
    assert history == [(3, FIXED_NOW + timedelta(seconds=20)), (4, None)]


def test_the_receipt_feedback_code_records_a_rating_later(shop: KeptWordShop) -> None:
    shop.sell_mug()
    sale = shop.sell_mug(shop.bob)
    code = shop.ratings.feedback_code(sale.receipt_number)
    assert code == "POS-FB:R1-000002"

    shop.clock.advance(days=2)
    rated = shop.ratings.record_from_code(code, 2, "slow")
    typed = shop.ratings.record_from_code(" pos-fb: R1-000002 ", 5)

    assert (rated.sale_id, rated.source, rated.stars, rated.word) == (
        sale.id, "receipt_code", 2, "slow")
    assert (typed.stars, typed.replaced_stars) == (5, 2)
    assert shop.ratings.record_from_code("R1-000001", 4).receipt_number == "R1-000001"
    with pytest.raises(NotFoundError, match="no sale has the receipt number R1-000099"):
        shop.ratings.record_from_code("POS-FB:R1-000099", 4)
    with pytest.raises(UserError, match="is not a feedback code"):
        shop.ratings.record_from_code("hello", 4)
