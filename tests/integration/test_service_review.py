"""The daily service review on SQLite and PostgreSQL, on a crafted day in New York whose
figures are worked out by hand below (the shop's day runs 05:00 to 05:00 UTC)."""

from dataclasses import dataclass, fields
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from pos.db.database import Database
from pos.db.models import FollowUp
from pos.domain.errors import NotFoundError, UserError
from pos.domain.service_review import RatingComment, ServiceFigures, ServiceReview, Timing
from pos.reports.formatting import NO_FIGURE
from pos.services.reports import ReportRequest, ReportService
from pos.services.returns import ReturnsService
from pos.services.service_review import ServiceReviewService
from tests.factories import add_customer, add_staff, pdf_text, set_shop_timezone, sign_in_cashier
from tests.integration.kept_word import KeptWordShop

NEW_YORK = ZoneInfo("America/New_York")
DAY = date(2026, 11, 20)
"""The crafted day, a Friday."""


def at(days: int, clock_time: str) -> datetime:
    """`clock_time` in New York, `days` after the crafted day."""
    local = datetime.combine(DAY + timedelta(days), time.fromisoformat(clock_time), NEW_YORK)
    return local.astimezone(UTC)


@dataclass
class CraftedDay:
    shop: KeptWordShop
    bea: int

    @property
    def review(self) -> ServiceReviewService:
        return self.shop.review


def craft(shop: KeptWordShop) -> CraftedDay:
    """Everything that happens around the crafted day, in time order (see the module)."""
    database, clock = shop.database, shop.clock
    set_shop_timezone(database, "America/New_York")
    bea = add_staff(database, "Bea")
    cat = add_customer(database, "Cat Cole")
    sign_in_cashier(database, "2")
    # Visits before: Ann weekly (gap 7 days), Bob weekly until eight weeks ago.
    for weeks in (10, 9, 8):
        shop.sell_mug(shop.bob, at=at(-7 * weeks, "10:00"))
    for weeks in (4, 3, 2, 1):
        shop.sell_mug(shop.ann, at=at(-7 * weeks, "10:00"))
    clock.now = at(-5, "09:00")
    broken = shop.promises.make(shop.ann, "Alterations by Friday", DAY, shop.alex)
    clock.now = at(-3, "09:00")
    kept = shop.promises.make(shop.ann, "Order arrives Friday", DAY, shop.alex)
    clock.now = at(-2, "09:00")
    refund = shop.promises.make(shop.bob, "Refund by Thursday", DAY - timedelta(1), bea)
    clock.now = at(-1, "17:00")
    day_before = shop.complaints.log(shop.ann, None, None, "service", "Nobody came to help",
                                     "low", shop.owner_id, shop.alex)
    late_evening = shop.sell_mug(at=at(-1, "23:30"))
    shop.ratings.rate(late_evening.id, 1)

    # The day.
    anns = shop.sell_mug(shop.ann, at=at(0, "09:00"))
    shop.ratings.rate(anns.id, 4, source="display")
    shop.ratings.rate(anns.id, 5, "lovely", "display")
    clock.now = at(0, "09:30")
    shop.complaints.respond(day_before.id, "Apologised by phone")
    bobs = shop.sell_mug(shop.bob, at=at(0, "10:00"))
    shop.ratings.rate(bobs.id, 3)
    clock.now = at(0, "10:30")
    chipped = shop.complaints.log(shop.bob, bobs.id, 1, "product_fault", "Chipped mug", "high",
                                  shop.owner_id, shop.alex)
    clock.now = at(0, "10:35")
    shop.complaints.record_apology(chipped.id)
    shop.sell_mug(at=at(0, "11:00"))
    clock.now = at(0, "11:00")
    shop.promises.mark(kept.id, kept=True)
    beas = shop.sell_mug(at=at(0, "12:00"), cashier_id=bea)
    clock.now = at(0, "12:00")
    shop.promises.make(shop.bob, "Call when the teapot is back", DAY + timedelta(2),
                       shop.owner_id)
    clock.now = at(0, "12:30")
    shop.complaints.respond(chipped.id, "Replacement offered")
    shop.sell_mug(shop.ann, at=at(0, "13:00"), cashier_id=bea)
    shop.sell_mug(at=at(0, "14:00"), cashier_id=bea, register_code="2")
    clock.now = at(0, "15:00")
    ReturnsService(database, "1", clock).return_items(bobs.receipt_number, {1: 1}, "original",
                                                      shop.alex)
    clock.now = at(0, "15:30")
    shop.complaints.resolve(chipped.id, "refund")
    clock.now = at(0, "16:00")
    queue = shop.complaints.log(None, None, None, "wait", "Queue too long", "low", shop.alex,
                                shop.alex)
    shop.complaints.record_apology(queue.id, at(0, "15:59"))
    _mark_follow_up_done(database, chipped.follow_up_id, at(0, "17:00"))
    clock.now = at(0, "18:00")
    shop.promises.mark(broken.id, kept=False)
    shop.sell_mug(cat, at=at(0, "23:30"))

    # After the day.
    shop.sell_mug(shop.bob, at=at(1, "00:30"))
    clock.now = at(1, "09:00")
    shop.complaints.log(cat, None, None, "staff", "Rude on the phone", "medium", bea, bea)
    clock.now = at(1, "10:00")
    shop.complaints.resolve(day_before.id, "voucher")
    clock.now = at(1, "12:00")
    shop.promises.mark(refund.id, kept=False)
    clock.now = at(2, "10:00")
    shop.ratings.record_from_code(shop.ratings.feedback_code(beas.receipt_number), 2, "slow")
    clock.now = at(3, "09:00")
    return CraftedDay(shop, bea)


def _mark_follow_up_done(database: Database, follow_up_id: int | None, done_at: datetime) -> None:
    """What the follow-up queue does when someone has called the customer."""
    with database.writer() as uow:
        follow_up = uow.session.get(FollowUp, follow_up_id)
        assert follow_up is not None
        follow_up.status, follow_up.done_at, follow_up.outcome = "done", done_at, "reached"
        uow.commit()


def comparable(figures: ServiceFigures) -> dict[str, object]:
    """The figures with each timing as (count, average): SQLite times to the millisecond."""
    values = {spec.name: getattr(figures, spec.name) for spec in fields(figures)}
    return {
        name: (value.count, value.average) if isinstance(value, Timing) else value
        for name, value in values.items()
    }


def expected(**figures: Any) -> dict[str, object]:
    """Figures that are zero but those given (timings as (count, seconds on average))."""
    return comparable(ServiceFigures()) | {
        name: (value[0], timedelta(seconds=value[1])) if name.startswith("time_") else value
        for name, value in figures.items()
    }


@pytest.fixture
def day(database: Database) -> CraftedDay:
    return craft(KeptWordShop.open(database))


def test_the_days_figures_for_the_shop(day: CraftedDay) -> None:
    review: ServiceReview = day.review.day(DAY)

    assert (review.first_day, review.last_day, review.register_code) == (DAY, DAY, None)
    # Sales 09:00 Ann, 10:00 Bob, 11:00, 12:00, 13:00 Ann, 14:00 (till 2), 23:30 Cat; not the
    # return, the sale at 23:30 the evening before or the one at 00:30 after.
    assert comparable(review.shop) == expected(
        sales=7, known_customer_sales=4,
        stars=(0, 1, 1, 0, 1),  # Ann 5 (replacing 4), Bob 3, Bea's sale 2 (given later)
        complaints_opened=2,  # the chipped mug and the queue
        complaints_open_at_close=2,  # the queue, and the day before's (resolved after)
        time_to_apology=(2, 150),  # 5 minutes, and on the spot
        time_to_first_response=(2, 33300),  # 2 hours, and the day before's after 16.5 hours
        time_to_resolution=(1, 5 * 3600),  # the chipped mug, 10:30 to 15:30
        promises_due=2, promises_kept=1, promises_broken=1,
        promises_overdue_at_close=1,  # Bob's refund, due the day before
        follow_ups_done=2,  # the kept promise's, and the chipped mug's
        follow_ups_overdue_at_close=2,  # the refund's and the day before's complaint's
    )
    assert review.shop.known_customer_share_bp == 5714  # 4 / 7
    assert review.shop.average_stars == pytest.approx(10 / 3)
    assert (review.customers, review.won_back) == (3, 1)  # Ann, Bob (back after 8 weeks), Cat
    assert review.comments == (RatingComment(5, "lovely"), RatingComment(2, "slow"))
    assert review.complaint_categories == (("product_fault", 1), ("wait", 1))


def test_the_days_figures_per_person_in_name_order(day: CraftedDay) -> None:
    people = day.review.day(DAY).people

    assert [(p.user_id, p.name) for p in people] == [
        (day.shop.alex, "Alex"), (day.bea, "Bea"), (day.shop.owner_id, "Olivia")
    ]
    alex, bea, olivia = (comparable(p.figures) for p in people)
    assert alex == expected(
        sales=4, known_customer_sales=3, stars=(0, 0, 1, 0, 1), complaints_opened=1,
        complaints_open_at_close=1, time_to_apology=(1, 0), promises_due=2, promises_kept=1,
        promises_broken=1, follow_ups_done=1,
    )
    assert bea == expected(
        sales=3, known_customer_sales=1, stars=(0, 1, 0, 0, 0), promises_overdue_at_close=1,
        follow_ups_overdue_at_close=1,
    )
    assert olivia == expected(
        complaints_opened=1, complaints_open_at_close=1, time_to_apology=(1, 300),
        time_to_first_response=(2, 33300), time_to_resolution=(1, 18000), follow_ups_done=1,
        follow_ups_overdue_at_close=1,
    )


def test_a_register_limits_the_sales_and_ratings(day: CraftedDay) -> None:
    first_till = day.review.day(DAY, register="1")
    second_till = day.review.day(DAY, register="2")

    assert (first_till.shop.sales, first_till.shop.known_customer_sales) == (6, 4)
    assert (second_till.shop.sales, second_till.shop.ratings) == (1, 0)
    assert (second_till.customers, second_till.won_back, second_till.comments) == (0, 0, ())
    assert second_till.shop.complaints_opened == 2  # complaints belong to the shop
    with pytest.raises(NotFoundError, match="no register '9'"):
        day.review.day(DAY, register="9")


def test_a_period_adds_up_its_days(day: CraftedDay) -> None:
    both = day.review.period(DAY - timedelta(1), DAY)
    assert (both.shop.sales, both.shop.stars) == (8, (1, 1, 1, 0, 1))
    assert both.shop.complaints_opened == 3
    assert both.complaint_categories == (("product_fault", 1), ("service", 1), ("wait", 1))
    with pytest.raises(UserError, match="after it ends"):
        day.review.period(DAY, DAY - timedelta(1))
    with pytest.raises(UserError, match="is in the future"):
        day.review.day(DAY + timedelta(30))


def test_a_day_without_anything_is_all_zero(database: Database) -> None:
    shop = KeptWordShop.open(database)
    review = shop.review.day(shop.clock.now.date())
    assert review.shop == ServiceFigures()
    assert (review.people, review.customers, review.won_back) == ((), 0, 0)
    assert review.shop.known_customer_share_bp is None
    assert review.shop.average_stars is None
    assert review.shop.time_to_apology.average is None


def test_sales_with_the_shop_closed_across_midnight_follow_the_local_day(
    database: Database,
) -> None:
    shop = KeptWordShop.open(database)
    set_shop_timezone(database, "America/New_York")
    shop.sell_mug(at=at(0, "23:59"))
    shop.sell_mug(at=at(1, "00:00"))
    shop.clock.now = at(2, "12:00")
    assert [shop.review.day(DAY + timedelta(n)).shop.sales for n in (0, 1, 2)] == [1, 1, 0]


def cells(*row: object) -> str:
    """A table row as pypdf reads it back: one cell a line."""
    return "\n".join(map(str, row))


def test_the_service_report_prints_the_days_figures(day: CraftedDay, tmp_path: Path) -> None:
    """`pos report service` lays out the review: the figures above, in the PDF's text."""
    target = tmp_path / "service.pdf"
    ReportService(day.shop.database, day.shop.clock).write(
        ReportRequest("service", DAY, DAY), target, csv=tmp_path / "service.csv"
    )
    printed = pdf_text(target)
    assert "Service report\n20 Nov 2026 · all registers" in printed
    # Sales served, the share with a known customer (4 of 7), average stars, complaints.
    assert "Sales served\nWith a known customer\nAverage rating\nComplaints opened\n" \
           "7\n57.1%\n3.3 (3)\n2" in printed
    assert "3 known customers came in this period; 1 of them came back" in printed
    # Per person in name order, then the shop; Alex: 4 sales, 3 known, 4.0 of 2 ratings.
    assert cells("Alex", 4, "75.0%", "4.0 (2)", 1, 0, 1, 1, 1) in printed
    assert cells("Bea", 3, "33.3%", "2.0 (1)", 0, 0, 0, 0, 0) in printed
    assert cells("Olivia", 0, NO_FIGURE, NO_FIGURE, 1, 1, 0, 0, 1) in printed
    assert cells("Shop", 7, "57.1%", "3.3 (3)", 2, 1, 1, 1, 2) in printed
    assert "Product fault\n1\n50.0%\nWaiting\n1\n50.0%" in printed
    # Apologies after 5 minutes and at once; first answers after 2 and 16.5 hours.
    assert "Apologised for\n2\n2 minutes\nFirst answered\n2\n9 hours\nResolved\n1\n5 hours" \
        in printed
    assert "5\nlovely\n2\nslow" in printed
    assert "50.0% of the promises due were kept." in printed
