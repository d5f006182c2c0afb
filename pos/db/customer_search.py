"""Finding customers as the cashier types: exact keys first, then names, then phone pieces.

Nothing here scans the customer table. Exact look-ups (card, code, e-mail, whole phone
number) and prefixes (of names, of E.164 numbers) use B-tree indexes; substrings of
names, codes, e-mails and phone numbers use the FTS5 trigram table on SQLite and the
pg_trgm GIN indexes on PostgreSQL (migration 0003). Words shorter than a trigram only
narrow a search that a longer word (or a prefix) has already made small.
"""

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Integer, and_, case, column, or_, select, text
from sqlalchemy.orm import QueryableAttribute, Session

from pos.db.models import Customer, CustomerStats
from pos.domain.customer_records import CustomerHit

TRIGRAM = 3
PREFIX_END = "\uffff"
RANKS = {"exact": 0, "name": 1, "phone": 2, "text": 3}
"""Result order: a scanned card or whole number, names starting with the text, phone
pieces, then the text anywhere in a name, code or e-mail."""


@dataclass(frozen=True, slots=True)
class CustomerQuery:
    """What the service made of the typed text; empty fields are not searched."""

    key: str
    """The search key of the text (`pos.domain.text.search_key`), never empty."""
    code: str = ""
    """The text as typed, stripped: a customer code."""
    card: str = ""
    """The text without spaces: a loyalty card number, typed or scanned."""
    email: str = ""
    """The lower-case e-mail address, when the text is one."""
    phone_exact: str = ""
    phone_prefix: str = ""
    phone_digits: str = ""


FOUND_COLUMNS = (
    Customer.id, Customer.code, Customer.name, Customer.address_as, Customer.phone,
    Customer.email, Customer.loyalty_card, CustomerStats.visits, CustomerStats.last_visit_at,
    CustomerStats.spend_minor,
)


class CustomerSearch:
    def __init__(self, session: Session) -> None:
        self.session = session
        self._sqlite = session.get_bind().dialect.name == "sqlite"

    def search(self, query: CustomerQuery, limit: int) -> list[CustomerHit]:
        """Up to `limit` customers (not erased): exact matches, then names starting with
        the text, then phone pieces, then other substrings; by name within each group."""
        found: dict[int, CustomerHit] = {}
        for matched, condition in self._conditions(query):
            for hit in self.matching(condition, matched, limit, name_start=query.key):
                known = found.get(hit.id)
                if known is None or _order(hit) < _order(known):
                    found[hit.id] = hit
        return sorted(found.values(), key=_order)[:limit]

    def matching(
        self, condition: ColumnElement[bool], matched: str, limit: int, *, name_start: str = ""
    ) -> list[CustomerHit]:
        """Customers (not erased) meeting `condition`, by name; with `name_start`, those
        whose name starts with it first, and their match called "name"."""
        starts = case((_prefix(Customer.search_text, name_start), 0), else_=1)
        rows = self.session.execute(
            select(*FOUND_COLUMNS, starts)
            .outerjoin(CustomerStats, CustomerStats.customer_id == Customer.id)
            .where(condition, Customer.erased_at.is_(None))
            .order_by(starts, Customer.name)
            .limit(limit)
        )
        return [
            CustomerHit(
                cid, code, name, address_as, phone, email, card, int(visits or 0), last,
                "name" if matched == "text" and not_start == 0 and name_start else matched,
                int(spend or 0),
            )
            for (cid, code, name, address_as, phone, email, card, visits, last, spend,
                 not_start) in rows
        ]

    def _conditions(self, query: CustomerQuery) -> list[tuple[str, ColumnElement[bool]]]:
        exact = [
            condition
            for value, condition in (
                (query.card, Customer.loyalty_card == query.card),
                (query.code, Customer.code == query.code),
                (query.email, Customer.email_normalised == query.email),
                (query.phone_exact, Customer.phone_normalised == query.phone_exact),
            )
            if value
        ]
        conditions = [("exact", or_(*exact))] if exact else []
        if query.phone_prefix:
            conditions.append(("phone", _prefix(Customer.phone_normalised, query.phone_prefix)))
        if len(query.phone_digits) >= TRIGRAM:
            conditions.append(("phone", self._phone_contains(query.phone_digits)))
        conditions.append(("text", self._text_contains(query.key)))
        return conditions

    def _text_contains(self, key: str) -> ColumnElement[bool]:
        """Every word of `key` somewhere in `search_text`. With no word as long as a
        trigram, the first starts the text and the others start a word ("jo sm")."""
        words = key.split()
        long_words = [word for word in words if len(word) >= TRIGRAM]
        if not long_words:
            return and_(
                _prefix(Customer.search_text, words[0]),
                *(Customer.search_text.contains(" " + word, autoescape=True) for word in words[1:]),
            )
        if not self._sqlite:
            return and_(*(Customer.search_text.contains(word, autoescape=True) for word in words))
        match = " AND ".join(f"search_text : {_phrase(word)}" for word in long_words)
        short = [
            Customer.search_text.contains(word, autoescape=True)
            for word in words
            if len(word) < TRIGRAM
        ]
        return and_(_fts_match(match), *short)

    def _phone_contains(self, digits: str) -> ColumnElement[bool]:
        if self._sqlite:
            return _fts_match(f"phone_normalised : {_phrase(digits)}")
        return Customer.phone_normalised.contains(digits, autoescape=True)



def _order(hit: CustomerHit) -> tuple[int, str, int]:
    return RANKS[hit.matched], hit.name, hit.id


def _prefix(column_: QueryableAttribute[str], key: str) -> ColumnElement[bool]:
    return and_(column_ >= key, column_ < key + PREFIX_END)


def _phrase(word: str) -> str:
    return '"' + word.replace('"', '""') + '"'


def _fts_match(match: str) -> ColumnElement[bool]:
    matching = (
        text("SELECT rowid FROM customer_fts WHERE customer_fts MATCH :match")
        .bindparams(match=match)
        .columns(column("rowid", Integer))
    )
    return Customer.id.in_(matching)
