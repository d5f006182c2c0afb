"""Erasing a customer keeps their complaints and follow-ups for the service review, on
SQLite and PostgreSQL: the review of a past day counts and times the same afterwards,
and nothing the customer said (or was said about them) survives in those records."""

from dataclasses import replace
from datetime import timedelta

import pytest
from sqlalchemy import select, text

from pos.db.database import Database
from pos.db.models import Complaint, FollowUp, Promise, VisitRating
from pos.domain.followups import Outcome
from pos.domain.service_review import PersonFigures, ServiceFigures, ServiceReview
from pos.services.customers import CustomerService
from pos.services.followups import FollowUpService
from pos.services.promises import PromiseService
from tests.factories import FIXED_NOW
from tests.integration.kept_word import KeptWordShop

DAY = FIXED_NOW.date()  # the shop's zone is UTC: the day runs midnight to midnight
PERSONAL = ("chipped", "Ann", "kitchen", "twenty", "happy", "home")
"""Words of what Ann said, and of what was written about her."""


@pytest.fixture
def shop(database: Database) -> KeptWordShop:
    return KeptWordShop.open(database)


def live_through_the_day(shop: KeptWordShop) -> None:
    """Ann buys a mug and complains twice (one put right, one still open), Bob buys one and
    rates it, a follow-up for Ann is done; all on `DAY`, from 10:30."""
    clock, complaints = shop.clock, shop.complaints
    anns = shop.sell_mug(shop.ann)
    bobs = shop.sell_mug(shop.bob)
    shop.ratings.rate(bobs.id, 4)
    clock.advance(minutes=10)
    put_right = complaints.log(shop.ann, anns.id, 1, "product_fault",
                               "Ann says the mug arrived chipped", "high", shop.owner_id,
                               shop.alex)
    clock.advance(minutes=5)
    complaints.record_apology(put_right.id)
    clock.advance(hours=1)
    complaints.respond(put_right.id, "Called Ann at home, offered a refund")
    clock.advance(hours=2)
    complaints.resolve_follow_up(put_right.follow_up_id or 0, "refund",
                                 "Ann took the refund in the kitchen shop")
    complaints.log(shop.ann, None, None, "wait", "Ann waited twenty minutes", "low",
                   shop.owner_id, shop.alex)  # open at close, and its check too
    followups = FollowUpService(shop.database, clock)
    thanks = followups.schedule(shop.ann, DAY, "call", "Ask Ann about the chipped mug",
                                shop.owner_id, shop.alex)
    clock.advance(minutes=30)
    followups.record_outcome(thanks.id, Outcome.REACHED, "Ann is happy now")


def without_known_customers(review: ServiceReview) -> ServiceReview:
    """The review but for the figures that count sales to known customers."""

    def plain(figures: ServiceFigures) -> ServiceFigures:
        return replace(figures, known_customer_sales=0)

    return replace(
        review, shop=plain(review.shop), customers=0, won_back=0,
        people=tuple(PersonFigures(p.user_id, p.name, plain(p.figures)) for p in review.people),
    )


def test_the_review_of_the_day_reads_the_same_after_the_erasure(shop: KeptWordShop) -> None:
    live_through_the_day(shop)
    shop.clock.now = FIXED_NOW + timedelta(days=2)
    before = shop.review.day(DAY)
    figures = before.shop
    assert (figures.complaints_opened, figures.complaints_resolved,
            figures.complaints_open_at_close) == (2, 1, 1)
    assert (figures.time_to_apology.median, figures.time_to_first_response.median,
            figures.time_to_resolution.median) == (
        timedelta(minutes=5), timedelta(hours=1, minutes=5), timedelta(hours=3, minutes=5))
    assert (figures.follow_ups_done, figures.follow_ups_overdue_at_close) == (2, 1)
    assert figures.known_customer_sales == 2

    erased = CustomerService(shop.database, shop.clock).erase(shop.ann, actor="Olivia")

    assert erased.released["complaint.customer_id"] == 2
    assert erased.released["follow_up.customer_id"] == 3
    after = shop.review.day(DAY)
    # Complaints, their times, ratings, follow-ups and sales count as before...
    assert without_known_customers(after) == without_known_customers(before)
    # ...but Ann's sale is no longer a known customer's: the books keep it unlinked.
    assert after.shop.known_customer_sales == before.shop.known_customer_sales - 1
    assert after.customers == before.customers - 1


def test_nothing_personal_survives_in_the_kept_records(shop: KeptWordShop) -> None:
    live_through_the_day(shop)
    shop.clock.now = FIXED_NOW + timedelta(days=2)
    CustomerService(shop.database, shop.clock).erase(shop.ann, actor="Olivia")

    with shop.database.reader() as uow:
        session = uow.session
        kept = session.execute(
            select(Complaint.customer_id, Complaint.category, Complaint.severity,
                   Complaint.status, Complaint.remedy, Complaint.said, Complaint.response_note,
                   Complaint.resolution_note).order_by(Complaint.id)
        ).all()
        assert [tuple(row) for row in kept] == [
            (None, "product_fault", "high", "resolved", "refund", "", "", ""),
            (None, "wait", "low", "open", None, "", "", ""),
        ]
        follow_ups = session.execute(
            select(FollowUp.customer_id, FollowUp.source, FollowUp.status, FollowUp.note,
                   FollowUp.outcome_note).order_by(FollowUp.id)
        ).all()
        assert [tuple(row) for row in follow_ups] == [
            (None, "complaint", "done", "", ""),
            (None, "complaint", "cancelled", "", ""),  # still open: nobody left to call
            (None, "manual", "done", "", ""),
        ]
        for table in ("complaint", "follow_up"):
            raw = " ".join(
                str(value) for row in session.execute(text(f"SELECT * FROM {table}"))
                for value in row
            )
            for word in PERSONAL:
                assert word not in raw, (table, word)
    # The owner's list still shows the open complaint, with nobody's name or words.
    (still_open,) = shop.complaints.unresolved()
    assert (still_open.customer_id, still_open.customer_name, still_open.said) == (None, "", "")
    assert shop.complaints.resolve(still_open.id, "explanation").status == "resolved"


def test_a_kept_promise_stays_anonymised_and_an_open_one_goes(shop: KeptWordShop) -> None:
    promises = PromiseService(shop.database, shop.clock)
    kept = promises.make(shop.ann, "Ann's teapot arrives on Friday", DAY + timedelta(days=1),
                         shop.alex)
    promises.make(shop.ann, "We call Ann when size M is back", DAY + timedelta(days=3),
                  shop.alex)
    shop.clock.advance(hours=1)
    promises.mark(kept.id, True, "Ann collected it at home")
    shop.clock.now = FIXED_NOW + timedelta(days=2)
    before = shop.review.day(DAY)
    assert before.shop.promises_kept == 1

    erased = CustomerService(shop.database, shop.clock).erase(shop.ann, actor="Olivia")

    assert erased.released["promise.open_deleted"] == 1  # nobody left to keep it for
    assert erased.released["promise.customer_id"] == 1
    with shop.database.reader() as uow:
        rows = uow.session.execute(
            select(Promise.customer_id, Promise.status, Promise.text, Promise.note)
        ).all()
        assert [tuple(row) for row in rows] == [(None, "kept", "", "")]
    assert shop.review.day(DAY).shop.promises_kept == 1


def test_the_word_given_with_a_rating_goes_and_the_stars_stay(shop: KeptWordShop) -> None:
    anns = shop.sell_mug(shop.ann)
    shop.ratings.rate(anns.id, 5, "Ann loves it")
    before = shop.review.day(DAY)

    erased = CustomerService(shop.database, shop.clock).erase(shop.ann, actor="Olivia")

    assert erased.released["visit_rating.word"] == 1
    with shop.database.reader() as uow:
        rows = uow.session.execute(select(VisitRating.stars, VisitRating.word)).all()
        assert [tuple(row) for row in rows] == [(5, "")]
    assert shop.review.day(DAY).shop.stars == before.shop.stars
