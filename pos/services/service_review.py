"""The daily service review (and the same over several days): figures counted in SQL
over the shop's local days, per person and for the shop. See `pos.domain.service_review`
for what each figure counts."""

from collections.abc import Iterable
from datetime import date, datetime, tzinfo

from pos.db.database import Database
from pos.db.repositories import ShopRepository
from pos.db.review_queries.complaints import complaint_categories, complaints_by_owner
from pos.db.review_queries.follow_ups import follow_ups_by_owner
from pos.db.review_queries.people import staff_names
from pos.db.review_queries.promises import promises_by_person
from pos.db.review_queries.ratings import rating_comments, ratings_by_cashier
from pos.db.review_queries.sales import sales_by_cashier, visits_of_customers_seen
from pos.db.review_queries.window import ReviewWindow
from pos.domain.clock import Clock, utc_now
from pos.domain.errors import NotFoundError
from pos.domain.periods import checked_period
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
    sales_by_cashier, ratings_by_cashier, complaints_by_owner, promises_by_person,
    follow_ups_by_owner,
)


class ServiceReviewService:
    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        self._database = database
        self._clock = clock

    def day(self, local_date: date, register: str | None = None) -> ServiceReview:
        """The review of one of the shop's days (today so far, or an earlier day)."""
        return self.period(local_date, local_date, register)

    def period(self, first: date, last: date, register: str | None = None) -> ServiceReview:
        """The review of the shop's days `first` to `last`; `register` limits the sales
        and ratings to one till's."""
        zone = load_shop_facts(self._database).zone
        days = checked_period(first, last, self._clock().astimezone(zone).date())
        start, end = days.utc_bounds(zone)
        with self._database.reader() as uow:
            session = uow.session
            window = ReviewWindow(days.start, days.end, start, end, self._register_id(
                ShopRepository(session), register
            ))
            by_person = merged(*(topic(session, window) for topic in TOPICS))
            visits = visits_of_customers_seen(session, window)
            comments = rating_comments(session, window)
            categories = complaint_categories(session, window)
            names = staff_names(session, [key for key in by_person if key is not None])
        return ServiceReview(
            first_day=days.start, last_day=days.end, register_code=register,
            shop=ServiceFigures.total(by_person.values()),
            people=_people(by_person, names), customers=len(visits),
            won_back=sum(
                won_back(_local_days(times, zone), days.start, days.end)
                for times in visits.values()
            ),
            comments=comments, complaint_categories=categories,
        )

    @staticmethod
    def _register_id(repo: ShopRepository, code: str | None) -> int | None:
        if code is None:
            return None
        register = repo.register(code)
        if register is None:
            raise NotFoundError(f"there is no register {code!r}; leave it out for the whole shop")
        return register.id


def _people(by_person: ByPerson, names: dict[int, str]) -> tuple[PersonFigures, ...]:
    people = (
        PersonFigures(user_id, names.get(user_id, f"#{user_id}"), figures)
        for user_id, figures in by_person.items()
        if user_id is not None
    )
    return tuple(sorted(people, key=lambda person: (person.name.casefold(), person.user_id)))


def _local_days(times: Iterable[datetime], zone: tzinfo) -> list[date]:
    return [moment.astimezone(zone).date() for moment in times]
