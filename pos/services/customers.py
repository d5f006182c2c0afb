"""Knowing the customer at the till: find them, add them, see who they are.

`search` answers each keystroke of `Customer search` with indexed reads only;
`panel` fills `Customer panel` from the precomputed `customer_stats` row and a few
indexed reads of their own sales. Records are checked by `pos.services.customer_input`
(the same rules as the import), merged by `pos.services.customer_merge`, exported and
erased by `pos.services.customer_privacy`. Every method is its own unit of work.
"""

from collections.abc import Sequence
from datetime import date, datetime, tzinfo
from decimal import Decimal
from functools import cached_property
from typing import Any

from pos.db.complaints import ComplaintRepository
from pos.db.customer_history import CustomerHistory
from pos.db.customer_search import CustomerQuery, CustomerSearch
from pos.db.customer_stats import rebuild_customer_stats
from pos.db.customers import CustomerRepository
from pos.db.database import Database
from pos.db.errors import translate_database_errors
from pos.db.models import Customer, CustomerStats
from pos.db.promises import PromiseRepository
from pos.domain.clock import Clock, utc_now
from pos.domain.complaints import ComplaintItem
from pos.domain.customer_details import (
    Birthday,
    birthday_is_this_week,
    birthday_is_today,
    clean_tags,
    names_similar,
)
from pos.domain.errors import NotFoundError, UserError
from pos.domain.money import round_half_up
from pos.domain.promises import PromiseItem
from pos.domain.text import search_key
from pos.services.customer_input import NOTES_MAX, ValidCustomer, check_customer
from pos.services.customer_merge import merge_customers
from pos.services.customer_privacy import erase_customer, export_customer
from pos.services.customer_types import (
    Consents,
    CustomerHit,
    CustomerPanel,
    DuplicateCustomerError,
    ErasedCustomer,
    MergedCustomers,
    NewCustomer,
    PastSale,
)
from pos.services.phones import Phone, phone_query
from pos.services.shop_facts import ShopFacts, load_shop_facts

SEARCH_LIMIT = 20
USUAL_PRODUCTS = 5
LAST_SALES = 5
BADGE_TEXT = 60
"""Characters of a promise's wording shown in a badge (the `Promises` list has it all)."""
DEFAULT_ACTOR = "till"


class CustomerService:
    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        self._database = database
        self._clock = clock

    @cached_property
    def _shop(self) -> ShopFacts:
        return load_shop_facts(self._database)

    def today(self) -> date:
        """The shop's local date now."""
        return self._clock().astimezone(self._shop.zone).date()

    # --- Finding --------------------------------------------------------------------

    def search(self, text: str, limit: int = SEARCH_LIMIT) -> tuple[CustomerHit, ...]:
        """Customers matching `text`: a name fragment (any case, any accents), a phone
        number or a piece of one in any format, an e-mail address, a loyalty card or
        customer code. Exact matches come first, then names starting with the text."""
        key = search_key(text)
        if not key:
            return ()
        phone = phone_query(text, self._shop.country)
        query = CustomerQuery(
            key=key,
            code=text.strip(),
            card="".join(text.split()),
            email=text.strip().casefold() if "@" in text else "",
            phone_exact=phone.exact if phone else "",
            phone_prefix=phone.prefix if phone else "",
            phone_digits=phone.digits if phone else "",
        )
        with translate_database_errors(), self._database.reader() as uow:
            found = CustomerSearch(uow.session).search(query, limit)
        return tuple(found)

    # --- Adding and editing ---------------------------------------------------------

    def create(self, new: NewCustomer, *, allow_duplicate: bool = False) -> CustomerHit:
        """Add a customer. Raises `DuplicateCustomerError` (with the look-alikes) when one
        with the same phone or e-mail, or a similar name, is already here, unless
        `allow_duplicate`; a loyalty card or code already in use is always refused."""
        valid = check_customer(new, region=self._shop.country, today=self.today())
        now = self._clock()
        with translate_database_errors(), self._database.writer() as uow:
            repo = CustomerRepository(uow.session)
            _check_unique_keys(repo, valid, excluding=None)
            if not allow_duplicate:
                _refuse_duplicates(repo, valid, excluding=None)
            customer = repo.add(
                {**valid.columns(), "created_at": now, "consent_given_at": now}
            )
            repo.replace_tags(customer.id, valid.tags, now)
            uow.commit()
        return _hit(customer, 0, None)

    def details(self, customer_id: int) -> NewCustomer:
        """The customer's details as the edit form shows them."""
        with self._database.reader() as uow:
            repo = CustomerRepository(uow.session)
            customer = _living(repo.get(customer_id), customer_id)
            tags = tuple(repo.tags(customer_id))
        return NewCustomer(
            name=customer.name, address_as=customer.address_as, phone=customer.phone,
            email=customer.email, birthday_day=customer.birthday_day,
            birthday_month=customer.birthday_month, birthday_year=customer.birthday_year,
            notes=customer.notes, tags=tags, language=customer.language,
            loyalty_card=customer.loyalty_card or "", code=customer.code or "",
            consent_marketing_email=customer.consent_marketing_email,
            consent_sms=customer.consent_sms,
            consent_keep_history=customer.consent_keep_history,
        )

    def update(
        self, customer_id: int, details: NewCustomer, *, allow_duplicate: bool = False
    ) -> CustomerHit:
        """Save the edited `details` (as `details()` gave them, changed). A phone number
        typed back unchanged is kept as stored; consents changed are dated now."""
        now = self._clock()
        with translate_database_errors(), self._database.writer() as uow:
            repo = CustomerRepository(uow.session)
            customer = _living(repo.get(customer_id, lock=True), customer_id)
            kept = Phone(customer.phone_normalised, customer.phone) if customer.phone else None
            valid = check_customer(
                details, region=self._shop.country, today=self.today(), kept_phone=kept
            )
            _check_unique_keys(repo, valid, excluding=customer_id)
            if not allow_duplicate:
                _refuse_duplicates(repo, valid, excluding=customer_id, name_changed=(
                    search_key(valid.name) != search_key(customer.name)
                ))
            consents_before = (customer.consent_marketing_email, customer.consent_sms,
                               customer.consent_keep_history)
            for column, value in valid.columns().items():
                setattr(customer, column, value)
            if valid.consents() != consents_before:
                customer.consent_given_at = now
            repo.replace_tags(customer_id, valid.tags, now)
            stats = repo.stats(customer_id)
            uow.commit()
        return _hit(customer, *_visits(stats))

    def update_notes(self, customer_id: int, notes: str, tags: Sequence[str]) -> None:
        """Save the notes and preferences edited in the panel."""
        cleaned_notes, cleaned_tags = notes.strip(), clean_tags(tags)
        if len(cleaned_notes) > NOTES_MAX:
            raise UserError(f"the notes are longer than {NOTES_MAX} characters; shorten them")
        with translate_database_errors(), self._database.writer() as uow:
            repo = CustomerRepository(uow.session)
            customer = _living(repo.get(customer_id, lock=True), customer_id)
            customer.notes = cleaned_notes
            repo.replace_tags(customer_id, cleaned_tags, self._clock())
            uow.commit()

    def merge(self, keep_id: int, merge_id: int, *, actor: str = DEFAULT_ACTOR) -> MergedCustomers:
        """Fold customer `merge_id` into `keep_id`: their sales, vouchers and everything
        else move over, blank details are filled in, statistics are rebuilt."""
        with translate_database_errors(), self._database.writer() as uow:
            kept, moved = merge_customers(uow, keep_id, merge_id, now=self._clock(), actor=actor)
            stats = CustomerRepository(uow.session).stats(keep_id)
            uow.commit()
        return MergedCustomers(_hit(kept, *_visits(stats)), merge_id, moved)

    # --- Who they are ---------------------------------------------------------------

    def panel(self, customer_id: int, today: date | None = None) -> CustomerPanel:
        """What `Customer panel` shows; `today` is the shop's date (default: now)."""
        day = today or self.today()
        with translate_database_errors(), self._database.reader() as uow:
            repo = CustomerRepository(uow.session)
            customer = _living(repo.get(customer_id), customer_id)
            stats = repo.stats(customer_id)
            tags = tuple(repo.tags(customer_id))
            history = CustomerHistory(uow.session)
            usual = history.usual_products(customer_id, USUAL_PRODUCTS)
            last = history.sales(customer_id, limit=LAST_SALES)
            promises = PromiseRepository(uow.session).open_for(customer_id)
            complaints = ComplaintRepository(uow.session).unresolved_for(customer_id)
        birthday = _birthday(customer)
        visits = stats.visits if stats else 0
        spend = stats.spend_minor if stats else 0
        return CustomerPanel(
            id=customer.id, code=customer.code, name=customer.name,
            address_as=customer.address_as, phone=customer.phone, email=customer.email,
            loyalty_card=customer.loyalty_card, language=customer.language,
            birthday=birthday,
            birthday_today=birthday_is_today(birthday, day),
            birthday_this_week=birthday_is_this_week(birthday, day),
            visits=visits,
            first_visit_at=stats.first_visit_at if stats else None,
            last_visit_at=stats.last_visit_at if stats else None,
            lifetime_spend_minor=spend,
            average_basket_minor=round_half_up(Decimal(spend) / visits) if visits else 0,
            usual_products=tuple(usual),
            last_sales=tuple(last),
            notes=customer.notes,
            tags=tags,
            consents=Consents(customer.consent_marketing_email, customer.consent_sms,
                              customer.consent_keep_history, customer.consent_given_at),
            created_at=customer.created_at,
            badges=open_item_badges(promises, complaints, day, self._shop.zone),
        )

    def history(
        self, customer_id: int, *, offset: int = 0, limit: int = 50
    ) -> tuple[PastSale, ...]:
        """Their sales and returns, newest first, a page at a time (the panel's "more")."""
        with translate_database_errors(), self._database.reader() as uow:
            _living(CustomerRepository(uow.session).get(customer_id), customer_id)
            sales = CustomerHistory(uow.session).sales(customer_id, offset=offset, limit=limit)
        return tuple(sales)

    # --- Their data -----------------------------------------------------------------

    def export(self, customer_id: int, *, actor: str = DEFAULT_ACTOR) -> dict[str, Any]:
        """Everything held about the customer, JSON-serialisable (amounts in minor units).
        The export itself is written to the audit log."""
        with translate_database_errors(), self._database.writer() as uow:
            exported = export_customer(
                uow, customer_id, shop=self._shop, now=self._clock(), actor=actor
            )
            uow.commit()
        return exported

    def erase(self, customer_id: int, *, actor: str = DEFAULT_ACTOR) -> ErasedCustomer:
        """Remove the customer's personal data; their sales stay for the accounts, unlinked.
        Refused while a return of theirs is still open (store credit not yet spent)."""
        with translate_database_errors(), self._database.writer() as uow:
            erased = erase_customer(
                uow, customer_id, now=self._clock(), actor=actor, exponent=self._shop.exponent
            )
            uow.commit()
        return erased

    def rebuild_stats(self) -> int:
        """Recompute every customer's statistics from the sales; how many customers have any."""
        with translate_database_errors(), self._database.writer() as uow:
            count = rebuild_customer_stats(uow.session)
            uow.commit()
        return count


def _living(customer: Customer | None, customer_id: int) -> Customer:
    if customer is None:
        raise NotFoundError(f"there is no customer number {customer_id}; search for them again")
    if customer.erased_at is not None:
        raise NotFoundError(
            f"customer {customer_id} was erased on {customer.erased_at:%Y-%m-%d} at their "
            "request; nothing is kept about them"
        )
    return customer


def _visits(stats: CustomerStats | None) -> tuple[int, datetime | None]:
    return (stats.visits, stats.last_visit_at) if stats else (0, None)


def _hit(
    customer: Customer, visits: int, last_visit_at: datetime | None, matched: str = "name"
) -> CustomerHit:
    return CustomerHit(
        id=customer.id, code=customer.code, name=customer.name, address_as=customer.address_as,
        phone=customer.phone, email=customer.email, loyalty_card=customer.loyalty_card,
        visits=visits, last_visit_at=last_visit_at, matched=matched,
    )


def _birthday(customer: Customer) -> Birthday | None:
    if customer.birthday_day is None or customer.birthday_month is None:
        return None
    return Birthday(customer.birthday_day, customer.birthday_month, customer.birthday_year)


def _check_unique_keys(
    repo: CustomerRepository, valid: ValidCustomer, *, excluding: int | None
) -> None:
    """A loyalty card or customer code belongs to one customer only."""
    for value, owner, what in (
        (valid.loyalty_card, repo.by_card(valid.loyalty_card) if valid.loyalty_card else None,
         "loyalty card"),
        (valid.code, repo.by_code(valid.code) if valid.code else None, "customer code"),
    ):
        if owner is not None and owner.id != excluding:
            raise UserError(
                f"the {what} {value} already belongs to {owner.name}; check the number, or "
                "search for them"
            )


def _refuse_duplicates(
    repo: CustomerRepository, valid: ValidCustomer, *, excluding: int | None,
    name_changed: bool = True,
) -> None:
    """Raise `DuplicateCustomerError` if someone has this phone or e-mail, or a similar
    name (names only checked when new or changed: an edit keeps its own look-alikes)."""
    reasons: dict[int, tuple[CustomerHit, str]] = {}
    for other in repo.with_phone(valid.phone_e164):
        reasons.setdefault(other.id, (other, "same phone"))
    for other in repo.with_email(valid.email_normalised):
        reasons.setdefault(other.id, (other, "same e-mail"))
    if name_changed:
        for other in repo.sharing_a_name_word(search_key(valid.name)):
            if names_similar(valid.name, other.name):
                reasons.setdefault(other.id, (other, "similar name"))
    reasons.pop(excluding or 0, None)
    if not reasons:
        return
    listed = "; ".join(f"{other.name} ({why})" for other, why in list(reasons.values())[:3])
    raise DuplicateCustomerError(
        f"{valid.name} may already be a customer: {listed}; pick them instead, or add a new "
        "customer anyway",
        tuple(other for other, _ in reasons.values()),
    )


def open_item_badges(
    promises: Sequence[PromiseItem], complaints: Sequence[ComplaintItem], today: date,
    zone: tzinfo,
) -> tuple[str, ...]:
    """What the panel and the greeting flag: open promises (soonest first), then complaints
    not yet resolved (newest first)."""
    badges = []
    for promise in promises:
        when = "OVERDUE promise" if promise.is_overdue(today) else "Open promise"
        wording = promise.text
        if len(wording) > BADGE_TEXT:
            wording = wording[: BADGE_TEXT - 1].rstrip() + "…"
        badges.append(f"{when} (due {promise.due_on:%a %d %b}): {wording}")
    for complaint in complaints:
        kind = complaint.category.replace("_", " ")
        logged = complaint.logged_at.astimezone(zone)
        badges.append(f"Open complaint ({kind}), logged {logged:%d %b}")
    return tuple(badges)
