"""Importing customers: a customer already here is left as they are, so a second import
of the same file changes nothing and edits made at the till are never overwritten.

A customer is recognised by their code; without one, by e-mail, then phone, then
their exact name. A customer erased at their request is never brought back.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from pos.db.importing import ImportRepository
from pos.db.models import Customer
from pos.domain.customer_details import customer_search_text
from pos.services.customer_input import ValidCustomer
from pos.services.importing.batches import ChunkedImporter
from pos.services.importing.rows import CustomerRow, Reject
from pos.services.importing.summary import Counts

IDENTITIES = ("code", "email_normalised", "phone_normalised", "search_text")
"""How a customer is recognised, in order of preference (columns of `customer`)."""
SAYS = {"code": "code", "email_normalised": "e-mail", "phone_normalised": "phone",
        "search_text": "name"}


@dataclass(frozen=True, slots=True)
class CustomerRecord:
    lines: tuple[int, ...]
    customer: ValidCustomer

    @property
    def identity(self) -> tuple[str, str]:
        """(column, value) that recognises this customer."""
        valid = self.customer
        if valid.code:
            return "code", valid.code
        if valid.email_normalised:
            return "email_normalised", valid.email_normalised
        if valid.phone_e164:
            return "phone_normalised", valid.phone_e164
        return "search_text", customer_search_text(valid.name, None, "")


def merge_customer_rows(
    rows: Sequence[CustomerRow],
) -> tuple[list[CustomerRecord], list[Reject]]:
    """One record per customer: a row naming a customer (or a card) seen on an earlier
    line is refused, with that line."""
    seen: dict[tuple[str, str], int] = {}
    cards: dict[str, int] = {}
    records: list[CustomerRecord] = []
    rejects: list[Reject] = []
    for row in rows:
        record = CustomerRecord((row.line,), row.customer)
        column, value = record.identity
        first = seen.setdefault((column, value), row.line)
        card = row.customer.loyalty_card
        card_first = cards.setdefault(card, row.line) if card else row.line
        if first != row.line:
            same = SAYS[column]
            rejects.append(Reject(row.line, f"the same customer as line {first} (same {same})"))
        elif card_first != row.line:
            rejects.append(Reject(row.line, f"loyalty card {card} is already on line {card_first}"))
        else:
            records.append(record)
    return records, rejects


class CustomerImporter(ChunkedImporter):
    def run(
        self, records: Sequence[CustomerRecord]
    ) -> tuple[Counts, list[Reject], list[CustomerRecord]]:
        """Add the new customers; returns the counts, rejects and the erased ones met."""
        counts, rejects, erased = Counts(), list[Reject](), list[CustomerRecord]()
        for uow, chunk in self.each_chunk("customers", records):
            repo = ImportRepository(uow.session)
            new = []
            for record, state in zip(chunk, self._states(repo, chunk), strict=True):
                if state == "new":
                    new.append(record)
                elif state == "erased":
                    erased.append(record)
                    counts.erased += 1
                elif state == "existing":
                    counts.existing += 1
                else:
                    rejects.extend(Reject(line, state) for line in record.lines)
            self._write(repo, new)
            counts.new += len(new)
        return counts, rejects, erased

    @staticmethod
    def _states(repo: ImportRepository, chunk: Sequence[CustomerRecord]) -> list[str]:
        """"new", "existing", "erased", or why the record cannot be added."""
        by_code = repo.customers_by_code(
            [r.identity[1] for r in chunk if r.identity[0] == "code"]
        )
        found = {
            column: repo.customers_by(
                column, [r.identity[1] for r in chunk if r.identity[0] == column]
            )
            for column in IDENTITIES[1:]
        }
        cards = repo.customers_by(
            "loyalty_card", [r.customer.loyalty_card for r in chunk if r.customer.loyalty_card]
        )
        states = []
        for record in chunk:
            column, value = record.identity
            if column == "code" and value in by_code:
                states.append("erased" if by_code[value].erased else "existing")
            elif column != "code" and value in found[column]:
                states.append("existing")
            elif record.customer.loyalty_card in cards:
                states.append(f"loyalty card {record.customer.loyalty_card} already belongs to "
                              "another customer")
            else:
                states.append("new")
        return states

    def _write(self, repo: ImportRepository, records: Sequence[CustomerRecord]) -> None:
        ids = repo.insert_returning_ids(Customer, [
            {**record.customer.columns(), "created_at": self.context.now,
             "consent_given_at": None,
             "erased_at": None}
            for record in records
        ])
        repo.add_tags([
            {"customer_id": customer_id, "tag": tag, "created_at": self.context.now}
            for customer_id, record in zip(ids, records, strict=True)
            for tag in record.customer.tags
        ])
