"""What every document a till writes shares: its register, the open shift, its number.

Sales and returns are numbered from one gapless counter per register. The number is
taken inside the document's own transaction with the register row locked (a row lock
on PostgreSQL; on SQLite the writer's `BEGIN IMMEDIATE` already holds the database),
so a rolled-back document gives its number back and two tills never share one.
Cash movements and the shift close lock the same row, so nothing is written to a
shift while it is being closed.

Also here: the check on the short notes documents carry (reasons, labels), so each
service refuses the same way what its column cannot hold.
"""

from dataclasses import dataclass

from pos.db.models import Register, Shift
from pos.db.sales import SalesRepository
from pos.domain.errors import UserError
from pos.domain.receipts import format_receipt_number

NO_OPEN_SHIFT = "no shift is open on this till; sign in to open one"


@dataclass(frozen=True, slots=True)
class NumberedDocument:
    """Where the next document goes: its register, its shift and its receipt number."""

    register_id: int
    shift_id: int
    receipt_seq: int
    receipt_number: str


def locked_register(repo: SalesRepository, register_code: str) -> Register:
    """The register row, locked until the transaction ends."""
    register = repo.lock_register(register_code)
    if register is None:
        raise UserError(f"register {register_code} is not set up; sign in again")
    return register


def open_shift_of(repo: SalesRepository, register: Register) -> Shift:
    """The register's open shift; refuses when there is none."""
    shift = repo.open_shift(register.id)
    if shift is None:
        raise UserError(NO_OPEN_SHIFT)
    return shift


def number_next_document(repo: SalesRepository, register_code: str) -> NumberedDocument:
    """Take the register's next receipt number (locking its row) and check its shift is
    open. A refusal raises, and the rollback gives the number back.

    Call it inside the writer that writes the document, as late as possible: the
    register stays locked until that transaction commits or rolls back.
    """
    taken = repo.take_receipt_number(register_code)
    if taken is None:
        raise UserError(f"register {register_code} is not set up; sign in again")
    register_id, code, sequence = taken
    shift_id = repo.open_shift_id(register_id)
    if shift_id is None:
        raise UserError(NO_OPEN_SHIFT)
    return NumberedDocument(
        register_id=register_id,
        shift_id=shift_id,
        receipt_seq=sequence,
        receipt_number=format_receipt_number(code, sequence),
    )


def checked_note(text: str, *, what: str, max_length: int, required: bool) -> str:
    """`text` stripped; refuses a blank one when `required`, and one too long to store."""
    note = text.strip()
    if required and not note:
        raise UserError(f"give a {what}")
    if len(note) > max_length:
        raise UserError(f"the {what} is {len(note)} characters; shorten it to {max_length}")
    return note
