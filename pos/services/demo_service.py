"""The demo shop's service story: what a real shop's back office holds on a normal day.

Built through the same services the till uses (so rules and timings apply as they
would), right after the demo's sales history: follow-ups due today and this week, open
promises (one due today), a complaint put right this morning and one still open, and
ratings of the latest visits. Without it the owner's first look at the follow-up queue
and the service review would be empty screens.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from pos.db.database import Database
from pos.db.demo_queries import RecentSale, recent_customer_sales, staff_by_role
from pos.domain.clock import Clock, utc_now
from pos.domain.followups import Preset
from pos.services.complaints import ComplaintService
from pos.services.followups import FollowUpService
from pos.services.promises import PromiseService
from pos.services.ratings import RatingService
from pos.services.shop_days import shop_today

FOLLOW_UPS = (
    (Preset.TOMORROW, "call", "Check the cake stand arrived in one piece"),
    (Preset.IN_3_DAYS, "sms", "Remind them the Christmas range is in"),
    (Preset.IN_A_WEEK, "call", "Ask how the party went"),
)
RATINGS = ((5, "lovely shop"), (5, ""), (4, "quick"), (5, ""), (3, "queue was long"), (4, ""))


@dataclass(frozen=True, slots=True)
class ServiceStory:
    follow_ups: int
    promises: int
    complaints: int
    ratings: int


class _SteppedClock:
    """A clock the story moves by hand, so a complaint takes hours, not microseconds."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def add_service_story(database: Database, clock: Clock = utc_now) -> ServiceStory:
    with database.reader() as uow:
        recent = recent_customer_sales(uow.session, limit=12)
        staff = staff_by_role(uow.session)
    if len(recent) < 8:
        return ServiceStory(0, 0, 0, 0)
    owner = staff.get("owner") or next(iter(staff.values()))
    cashier = staff.get("cashier", owner)
    now = clock()
    today = shop_today(database, now)
    followups = FollowUpService(database, clock)
    for sale, (when, kind, note) in zip(recent[:3], FOLLOW_UPS, strict=True):
        followups.schedule(sale.customer_id, when, kind, note, owner, cashier, sale.sale_id)
    followups.schedule(recent[3].customer_id, today, "call", "Tell them the repair is back",
                       cashier, owner)
    promises = PromiseService(database, clock)
    promises.make(recent[4].customer_id, "Your special order arrives today", today, cashier,
                  recent[4].sale_id, recent[4].first_product_id)
    promises.make(recent[5].customer_id, "We will call when size M is back in stock",
                  today + timedelta(days=4), owner)
    complaints = _complaints(database, now, recent[6], recent[7], owner, cashier)
    ratings = RatingService(database, clock)
    for sale, (stars, word) in zip(recent, RATINGS, strict=False):
        ratings.rate(sale.sale_id, stars, word)
    return ServiceStory(follow_ups=4, promises=2, complaints=complaints, ratings=len(RATINGS))


def _complaints(database: Database, now: datetime, resolved: RecentSale, open_one: RecentSale,
                owner: int, cashier: int) -> int:
    """One complaint logged this morning and put right within hours; one still open."""
    clock = _SteppedClock(now - timedelta(hours=5))
    complaints = ComplaintService(database, clock)
    fixed = complaints.log(resolved.customer_id, resolved.sale_id, None, "product_fault",
                           "The teapot lid was chipped", "medium", owner, cashier)
    clock.now += timedelta(minutes=10)
    complaints.record_apology(fixed.id)
    clock.now += timedelta(minutes=35)
    complaints.respond(fixed.id, "Called her; a new teapot is set aside")
    clock.now += timedelta(hours=3)
    complaints.resolve(fixed.id, "replacement", "Swapped at the counter")
    clock.now = now - timedelta(hours=1)
    complaints.log(open_one.customer_id, open_one.sale_id, None, "wait",
                   "Waited ten minutes at the till on Saturday", "low", owner, cashier)
    return 2
