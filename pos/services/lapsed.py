"""The win-back list: customers who stopped coming, most valuable first.

`lapsed` asks the database for customers gone much longer than their own rhythm
(pos.domain.lapsed; the query is explained in pos.db.lapsed), then adds what the
person calling needs: their last products and the reason they gave before, if any.
`schedule_win_back_call` puts "ask why" in the follow-up queue in one step, and
`record_lapse_reason` keeps the answer for the reports.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from babel.numbers import format_currency, get_currency_precision

from pos.db import lapsed as lapsed_queries
from pos.db.database import Database
from pos.db.errors import translate_database_errors
from pos.db.followup_repository import FollowUpRepository
from pos.domain.clock import Clock, utc_now
from pos.domain.errors import UserError
from pos.domain.followups import FollowUpItem, Preset
from pos.domain.lapsed import REASON_MAX_LENGTH, LapsedCustomer, LapseThresholds
from pos.reports.formatting import shop_locale
from pos.services.followups import FollowUpService, check_customer
from pos.services.numbering import checked_note
from pos.services.shop_facts import load_shop_facts

__all__ = [
    "LapseReasonRecord", "LapseThresholds", "LapsedCustomer", "LapsedService", "WinBackList",
]

LAST_PRODUCTS = 5
MAX_LIMIT = 1000
WIN_BACK_NOTE = "We have not seen them for a while: ask how they are and why"


@dataclass(frozen=True, slots=True)
class LapseReasonRecord:
    id: int
    customer_id: int
    reason: str
    recorded_at: datetime


@dataclass(frozen=True, slots=True)
class WinBackList:
    """What the win-back screen shows: who lapsed (most valuable first), the reasons
    given so far (most frequent first), and how the shop writes money."""

    today: date
    customers: tuple[LapsedCustomer, ...]
    reasons: tuple[tuple[str, int], ...]
    currency: str
    locale: str

    def money(self, minor: int) -> str:
        """An amount in minor units as the shop writes it (e.g. £1,234.50)."""
        major = Decimal(minor).scaleb(-get_currency_precision(self.currency))
        return format_currency(major, self.currency, locale=shop_locale(self.locale))


class LapsedService:
    def __init__(
        self,
        database: Database,
        clock: Clock = utc_now,
        thresholds: LapseThresholds | None = None,
    ) -> None:
        self._database = database
        self._clock = clock
        self._thresholds = thresholds or LapseThresholds()

    def lapsed(self, today: date, limit: int = 100) -> tuple[LapsedCustomer, ...]:
        """Up to `limit` customers lapsed on the shop's day `today`, by lifetime value."""
        if not 1 <= limit <= MAX_LIMIT:
            raise UserError(f"list between 1 and {MAX_LIMIT} customers")
        zone = load_shop_facts(self._database).zone
        offset = zone.utcoffset(datetime.combine(today, datetime.min.time()))
        with translate_database_errors(), self._database.reader() as uow:
            found = lapsed_queries.lapsed_customers(
                uow.session, today=today,
                utc_offset_seconds=int(offset.total_seconds()) if offset else 0,
                thresholds=self._thresholds, limit=limit,
            )
            ids = [customer.customer_id for customer in found]
            products = lapsed_queries.last_products(uow.session, ids, LAST_PRODUCTS)
            reasons = lapsed_queries.latest_reasons(uow.session, ids)
        return tuple(
            replace(customer, last_products=tuple(products.get(customer.customer_id, ())),
                    last_reason=reasons.get(customer.customer_id, ""))
            for customer in found
            # The query applies the same rule; the domain has the last word.
            if customer.is_lapsed(self._thresholds)
        )

    def win_back_list(self, limit: int = 100) -> WinBackList:
        """The lapsed customers on the shop's today, with the reasons recorded so far."""
        facts = load_shop_facts(self._database)
        today = self._clock().astimezone(facts.zone).date()
        return WinBackList(today, self.lapsed(today, limit), self.reason_counts(),
                           facts.currency, facts.locale)

    def schedule_win_back_call(
        self,
        customer_id: int,
        owner_id: int | None,
        created_by_id: int | None,
        when: Preset | date = Preset.NEXT_WORKING_DAY,
        note: str = WIN_BACK_NOTE,
    ) -> FollowUpItem:
        """A call to ask a lapsed customer why they stopped coming (next working day
        unless told)."""
        return FollowUpService(self._database, self._clock).schedule(
            customer_id, when, "call", note, owner_id, created_by_id, source="win_back"
        )

    def record_lapse_reason(
        self, customer_id: int, reason: str, recorded_by_id: int | None = None
    ) -> LapseReasonRecord:
        """Keep the reason a lapsed customer gave (reported by `reason_counts`)."""
        text = checked_note(reason, what="reason", max_length=REASON_MAX_LENGTH, required=True)
        with translate_database_errors(), self._database.writer() as uow:
            check_customer(FollowUpRepository(uow.session), customer_id)
            row = lapsed_queries.add_reason(
                uow.session, customer_id, text, self._clock(), recorded_by_id
            )
            record = LapseReasonRecord(row.id, customer_id, row.reason, row.recorded_at)
            uow.commit()
        return record

    def reason_counts(self, since: datetime | None = None) -> tuple[tuple[str, int], ...]:
        """Each reason given (since an instant), with how often, the most frequent first."""
        with translate_database_errors(), self._database.reader() as uow:
            return tuple(lapsed_queries.reason_counts(uow.session, since))
