"""The daily service review (and the same over several days): figures counted in SQL
over the shop's local days, per person and for the shop. See `pos.domain.service_review`
for what each figure counts."""

from collections.abc import Callable, Iterable
from datetime import date, datetime, tzinfo

from pos.db.database import Database
from pos.db.report_queries.common import register_codes
from pos.db.repositories import ShopRepository
from pos.db.review_queries.complaints import complaint_categories, complaints_by_owner
from pos.db.review_queries.follow_ups import follow_ups_by_owner
from pos.db.review_queries.people import staff_names
from pos.db.review_queries.promises import promises_by_person
from pos.db.review_queries.ratings import rating_comments, ratings_by_cashier
from pos.db.review_queries.sales import sales_by_cashier, visits_of_customers_seen
from pos.db.review_queries.window import ReviewWindow
from pos.db.uow import SqlAlchemyUnitOfWork
from pos.domain.clock import Clock, utc_now
from pos.domain.errors import NotFoundError
from pos.domain.periods import Period, checked_period
from pos.domain.service_review import (
    ByPerson,
    PersonFigures,
    ServiceFigures,
    ServiceReview,
    merged,
)
from pos.domain.won_back import won_back
from pos.services.shop_facts import load_shop_facts

TOPICS = (
    ("sales", sales_by_cashier), ("ratings", ratings_by_cashier),
    ("complaints", complaints_by_owner), ("promises", promises_by_person),
    ("follow-ups", follow_ups_by_owner),
)
READ_STEPS = len(TOPICS) + 1


def _quietly(_label: str) -> None:
    """No progress to report."""


class ServiceReviewService:
    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        self._database = database
        self._clock = clock

    def today(self) -> date:
        """The shop's local date now (the day a review opens on)."""
        return self._clock().astimezone(load_shop_facts(self._database).zone).date()

    def register_codes(self) -> list[str]:
        """The registers a review can be limited to."""
        with self._database.reader() as uow:
            return register_codes(uow.session)

    def day(self, local_date: date, register: str | None = None) -> ServiceReview:
        """The review of one of the shop's days (today so far, or an earlier day)."""
        return self.period(local_date, local_date, register)

    def period(self, first: date, last: date, register: str | None = None) -> ServiceReview:
        """The review of the shop's days `first` to `last`; `register` limits the sales
        and ratings to one till's."""
        zone = load_shop_facts(self._database).zone
        days = checked_period(first, last, self._clock().astimezone(zone).date())
        with self._database.reader() as uow:
            register_id = self._register_id(ShopRepository(uow.session), register)
            return read_review(uow, days, zone, register_id, register)

    @staticmethod
    def _register_id(repo: ShopRepository, code: str | None) -> int | None:
        if code is None:
            return None
        register = repo.register(code)
        if register is None:
            raise NotFoundError(f"there is no register {code!r}; leave it out for the whole shop")
        return register.id


def read_review(
    uow: SqlAlchemyUnitOfWork, days: Period, zone: tzinfo, register_id: int | None,
    register_code: str | None, step: Callable[[str], None] = _quietly,
) -> ServiceReview:
    """The review of `days` (the shop's days in `zone`), read in the open `uow`; the
    sales and ratings of register `register_id` only, unless it is None. `step` is told
    before each of the `READ_STEPS` parts is read (a report's progress)."""
    session = uow.session
    start, end = days.utc_bounds(zone)
    window = ReviewWindow(days.start, days.end, start, end, register_id)
    parts = []
    for label, topic in TOPICS:
        step(label)
        parts.append(topic(session, window))
    by_person = merged(*parts)
    step("customers seen")
    visits = visits_of_customers_seen(session, window)
    names = staff_names(session, [key for key in by_person if key is not None])
    return ServiceReview(
        first_day=days.start, last_day=days.end, register_code=register_code,
        shop=ServiceFigures.total(by_person.values()),
        people=_people(by_person, names), customers=len(visits),
        won_back=sum(
            won_back(_local_days(times, zone), days.start, days.end)
            for times in visits.values()
        ),
        comments=rating_comments(session, window),
        complaint_categories=complaint_categories(session, window),
    )


def _people(by_person: ByPerson, names: dict[int, str]) -> tuple[PersonFigures, ...]:
    people = (
        PersonFigures(user_id, names.get(user_id, f"#{user_id}"), figures)
        for user_id, figures in by_person.items()
        if user_id is not None
    )
    return tuple(sorted(people, key=lambda person: (person.name.casefold(), person.user_id)))


def _local_days(times: Iterable[datetime], zone: tzinfo) -> list[date]:
    return [moment.astimezone(zone).date() for moment in times]
