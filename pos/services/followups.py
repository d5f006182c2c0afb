"""Follow-ups after the sale: schedule one, work through the queue, record what happened.

The till's `Schedule follow-up` calls `schedule`, the `Follow-up queue` calls `queue`
and `record_outcome`; after each completed sale the till calls `after_sale`, so the
owner's rules add their follow-ups (`apply_rules_to_sale`), and a gift bought for someone
a reminder next year (`remind_of_gifts`), without slowing the sale's own commit.
Every day here is the shop's local day; every timestamp an aware UTC instant from the
injected clock.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from pos.db import followup_queue
from pos.db.database import Database
from pos.db.errors import translate_database_errors
from pos.db.followup_queue import QueueFilter
from pos.db.followup_repository import FollowUpRepository
from pos.db.followup_rules import FollowUpRuleRepository
from pos.db.followups import add_follow_up
from pos.db.gifts import gifts_with_items
from pos.db.models import Customer, FollowUp, Sale
from pos.db.uow import SqlAlchemyUnitOfWork
from pos.domain.clock import Clock, utc_now
from pos.domain.errors import NotFoundError, UserError
from pos.domain.followup_rules import AutoRule, rules_for_sale
from pos.domain.followups import FollowUpItem, Outcome, Preset, WhyLine, check_kind, due_on
from pos.domain.gifts import GiftMark, GiftOccasion, reminder_due_on, reminder_note
from pos.reports.followup_ics import render_calendar
from pos.services.numbering import checked_note
from pos.services.shop_days import shop_today
from pos.services.shop_facts import load_shop_facts

__all__ = [
    "FollowUpChoices", "FollowUpItem", "FollowUpService", "Outcome", "Preset", "WhyLine",
    "check_customer",
]

NOTE_MAX_LENGTH = 500
_ONE_DAY = timedelta(days=1)
ERASED = "this customer's data was erased; no follow-up can be scheduled for them"


@dataclass(frozen=True, slots=True)
class FollowUpChoices:
    """What the back office's follow-up filters and rule editor offer: (id, name) pairs."""

    owners: tuple[tuple[int, str], ...]
    categories: tuple[tuple[int, str], ...]


class FollowUpService:
    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        self._database = database
        self._clock = clock

    def today(self) -> date:
        """The shop's local day now."""
        return shop_today(self._database, self._clock())

    def schedule(
        self,
        customer_id: int,
        preset_or_date: Preset | date,
        kind: str,
        note: str,
        owner_id: int | None,
        created_by_id: int | None,
        sale_id: int | None = None,
        *,
        source: str = "manual",
    ) -> FollowUpItem:
        """A follow-up for the customer on the preset's day or the date given.

        Refuses a day in the past, an erased or unknown customer, an unknown owner or sale.
        """
        check_kind(kind)
        text = checked_note(note, what="note", max_length=NOTE_MAX_LENGTH, required=False)
        day = due_on(preset_or_date, self.today())
        with translate_database_errors(), self._database.writer() as uow:
            repo = FollowUpRepository(uow.session)
            check_customer(repo, customer_id)
            for user_id in (owner_id, created_by_id):
                if user_id is not None and not repo.user_exists(user_id):
                    raise NotFoundError(f"no user has the id {user_id}; choose who owns it")
            if sale_id is not None and not repo.sale_exists(sale_id):
                raise NotFoundError(f"there is no sale {sale_id}; find the receipt again")
            row = add_follow_up(
                uow.session, customer_id=customer_id, due_on=day, kind=kind, note=text,
                created_at=self._clock(), owner_id=owner_id, created_by_id=created_by_id,
                sale_id=sale_id, source=source,
            )
            scheduled = _item(uow, row.id)
            uow.commit()
        return scheduled

    def queue(
        self,
        today: date,
        *,
        owner_id: int | None = None,
        kind: str | None = None,
        include_future: bool = False,
    ) -> tuple[FollowUpItem, ...]:
        """Open follow-ups due by `today` (overdue first, then today's), or all of them
        with `include_future`; of one owner and one kind when given."""
        wanted = QueueFilter(
            due_by=None if include_future else today, owner_id=owner_id,
            kind=None if kind is None else check_kind(kind),
        )
        with translate_database_errors(), self._database.reader() as uow:
            return followup_queue.open_items(uow.session, wanted)

    def due(self, today: date, which: str) -> tuple[FollowUpItem, ...]:
        """`pos followups list --due`: "today" (due today), "overdue" or "all" open ones."""
        filters = {
            "today": QueueFilter(due_by=today, due_after=today - _ONE_DAY),
            "overdue": QueueFilter(due_by=today - _ONE_DAY),
            "all": QueueFilter(),
        }
        if which not in filters:
            raise UserError(f"due is one of {', '.join(filters)}, not {which!r}")
        with translate_database_errors(), self._database.reader() as uow:
            return followup_queue.open_items(uow.session, filters[which])

    def get(self, follow_up_id: int) -> FollowUpItem:
        with translate_database_errors(), self._database.reader() as uow:
            return _item(uow, follow_up_id)

    def record_outcome(
        self,
        follow_up_id: int,
        outcome: Outcome | str,
        note: str = "",
        reschedule_to: Preset | date | None = None,
    ) -> FollowUpItem:
        """Record what happened. Reached, new sale and problem found close the follow-up
        (after "problem found" the till opens `Log complaint`); no answer and message left
        move it to `reschedule_to`, or close it without one. Each attempt is appended to
        the outcome notes, so none is lost."""
        result = _outcome(outcome)
        text = checked_note(note, what="note", max_length=NOTE_MAX_LENGTH, required=False)
        if result.closes and reschedule_to is not None:
            raise UserError(f"'{result.value}' closes the follow-up; schedule a new one instead")
        today = self.today()
        with translate_database_errors(), self._database.writer() as uow:
            row = FollowUpRepository(uow.session).lock(follow_up_id)
            if row is None:
                raise NotFoundError(f"there is no follow-up {follow_up_id}")
            if row.status != "open":
                raise UserError(f"follow-up {follow_up_id} is already {row.status}")
            _record(row, result, text, today)
            if reschedule_to is not None:
                row.due_on = due_on(reschedule_to, today)
            else:
                row.status = "done"
                row.done_at = self._clock()
            uow.session.flush()
            recorded = _item(uow, follow_up_id)
            uow.commit()
        return recorded

    def export_ics(self, path: Path, items: Sequence[FollowUpItem]) -> Path:
        """Write `items` as an iCalendar file (one all-day event each) to `path`."""
        shop_name = load_shop_facts(self._database).name
        data = render_calendar(items, calendar_name=f"{shop_name} follow-ups",
                               stamped_at=self._clock())
        try:
            path.write_bytes(data)
        except OSError as error:
            raise UserError(f"cannot write {path} ({error.strerror or error}); "
                            "choose another file") from None
        return path

    def apply_rules_to_sale(
        self, sale_id: int, created_by_id: int | None = None
    ) -> tuple[FollowUpItem, ...]:
        """Add the follow-ups the owner's rules ask for after sale `sale_id`.

        Called by the till once the sale is committed. A sale without a customer, or of
        an erased one, gets none; each rule applies once per sale, so calling again
        (a retry) adds nothing.
        """
        zone = load_shop_facts(self._database).zone
        with translate_database_errors(), self._database.writer() as uow:
            rules_repo = FollowUpRuleRepository(uow.session)
            found = _sale_and_customer(uow, sale_id)
            if found is None:
                return ()
            sale, customer = found
            repo = FollowUpRepository(uow.session)
            day = sale.completed_at.astimezone(zone).date()
            added = [
                add_follow_up(
                    uow.session, customer_id=customer.id, due_on=rule.due_on(day),
                    kind=rule.kind, note=rule.note, created_at=self._clock(),
                    created_by_id=created_by_id, sale_id=sale.id, source="rule",
                    source_id=rule.id,
                ).id
                for rule in rules_for_sale(rules_repo.all(), rules_repo.sale_facts(sale))
                if rule.id is not None and not repo.made_by_rule(rule.id, sale.id)
            ]
            items = tuple(_item(uow, follow_up_id) for follow_up_id in added)
            uow.commit()
        return items

    def remind_of_gifts(
        self, sale_id: int, created_by_id: int | None = None
    ) -> tuple[FollowUpItem, ...]:
        """A call for each gift of sale `sale_id`, due a week before its occasion comes
        round next year ("Last year: a gift for Anna (birthday); anything this year?").

        Called by the till once the sale is committed. A sale without a customer, or of
        an erased one, gets none; each gift is reminded of once, so calling again (a
        retry) adds nothing.
        """
        zone = load_shop_facts(self._database).zone
        with translate_database_errors(), self._database.writer() as uow:
            found = _sale_and_customer(uow, sale_id)
            if found is None:
                return ()
            sale, customer = found
            repo = FollowUpRepository(uow.session)
            sold_on = sale.completed_at.astimezone(zone).date()
            added = [
                add_follow_up(
                    uow.session, customer_id=customer.id,
                    due_on=reminder_due_on(sold_on, gift.occasion_on), kind="call",
                    note=reminder_note(
                        GiftMark(gift.recipient, GiftOccasion(gift.occasion), gift.occasion_on),
                        item,
                    ),
                    created_at=self._clock(), created_by_id=created_by_id, sale_id=sale.id,
                    source="gift", source_id=gift.id,
                ).id
                for gift, item in gifts_with_items(uow.session, sale.id)
                if gift.recipient and not repo.ids_from("gift", gift.id)
            ]
            items = tuple(_item(uow, follow_up_id) for follow_up_id in added)
            uow.commit()
        return items

    def after_sale(
        self, sale_id: int, created_by_id: int | None = None
    ) -> tuple[FollowUpItem, ...]:
        """Everything a completed sale schedules: the owner's rules' follow-ups, then the
        gift reminders (each applies once per sale, so a retry adds nothing)."""
        return (*self.apply_rules_to_sale(sale_id, created_by_id),
                *self.remind_of_gifts(sale_id, created_by_id))

    def choices(self) -> FollowUpChoices:
        with translate_database_errors(), self._database.reader() as uow:
            return FollowUpChoices(
                owners=tuple(FollowUpRepository(uow.session).owners()),
                categories=tuple(FollowUpRuleRepository(uow.session).categories()),
            )

    def rules(self) -> tuple[AutoRule, ...]:
        """Every rule, active or not, in the order they were made."""
        with translate_database_errors(), self._database.reader() as uow:
            return tuple(FollowUpRuleRepository(uow.session).all())

    def save_rule(self, rule: AutoRule) -> AutoRule:
        """Add a rule (`id` None) or change the rule with that id (to switch one off,
        save it with `active=False`: rules are kept, so the follow-ups they made still
        say where they came from)."""
        with translate_database_errors(), self._database.writer() as uow:
            repo = FollowUpRuleRepository(uow.session)
            if rule.category_id is not None and not repo.category_exists(rule.category_id):
                raise NotFoundError(f"there is no category {rule.category_id}; choose another")
            saved = repo.save(rule)
            if saved is None:
                raise NotFoundError(f"there is no rule {rule.id}")
            uow.commit()
        return saved


def _sale_and_customer(uow: SqlAlchemyUnitOfWork, sale_id: int) -> tuple[Sale, Customer] | None:
    """The sale and its customer, for what a sale schedules after it; None when the sale
    has no customer or theirs was erased (nobody to follow up)."""
    sale = FollowUpRuleRepository(uow.session).sale(sale_id)
    if sale is None:
        raise NotFoundError(f"there is no sale {sale_id}")
    customer = (None if sale.customer_id is None
                else FollowUpRepository(uow.session).customer(sale.customer_id))
    if customer is None or customer.erased_at is not None:
        return None
    return sale, customer


def check_customer(repo: FollowUpRepository, customer_id: int) -> None:
    """Refuse an unknown customer, and one whose data was erased."""
    customer = repo.customer(customer_id)
    if customer is None:
        raise NotFoundError(f"there is no customer {customer_id}; search for them again")
    if customer.erased_at is not None:
        raise UserError(ERASED)


def _outcome(value: Outcome | str) -> Outcome:
    try:
        return Outcome(value)
    except ValueError:
        choices = ", ".join(outcome.value for outcome in Outcome)
        raise UserError(f"an outcome is one of {choices}, not {value!r}") from None


def _record(row: FollowUp, outcome: Outcome, note: str, today: date) -> None:
    """Keep the latest outcome, and a line per attempt in the outcome notes."""
    row.outcome = outcome.value
    attempt = f"{today.isoformat()} {outcome.value}" + (f": {note}" if note else "")
    row.outcome_note = f"{row.outcome_note}\n{attempt}" if row.outcome_note else attempt


def _item(uow: SqlAlchemyUnitOfWork, follow_up_id: int) -> FollowUpItem:
    found = followup_queue.item(uow.session, follow_up_id)
    if found is None:
        raise NotFoundError(f"there is no follow-up {follow_up_id}")
    return found
