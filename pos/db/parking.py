"""Parked carts: put aside on one till, listed on every till, taken back once."""

from dataclasses import dataclass

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from pos.db.models import ParkedSale, Register, User


@dataclass(frozen=True, slots=True)
class ParkedRow:
    """A parked sale with the names the list shows."""

    parked: ParkedSale
    cashier_name: str
    register_code: str


class ParkingRepository:
    """Reads and writes of parked sales. Never commits: the parking service does."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def register_id(self, code: str) -> int | None:
        return self.session.scalar(select(Register.id).where(Register.code == code))

    def add(self, parked: ParkedSale) -> None:
        self.session.add(parked)
        self.session.flush()

    def all_newest_first(self) -> list[ParkedRow]:
        rows = self.session.execute(
            _with_names().order_by(ParkedSale.parked_at.desc(), ParkedSale.id.desc())
        )
        return [ParkedRow(parked, name, code) for parked, name, code in rows]

    def one(self, parked_id: int) -> ParkedRow | None:
        row = self.session.execute(_with_names().where(ParkedSale.id == parked_id)).one_or_none()
        if row is None:
            return None
        parked, name, code = row
        return ParkedRow(parked, name, code)

    def take(self, parked_id: int) -> ParkedSale | None:
        """The parked sale, locked and deleted (gone for everyone once the caller commits).

        On PostgreSQL a second till taking the same row waits for the first to commit
        and then finds nothing; on SQLite the writers already queue.
        """
        parked = self.session.scalars(
            select(ParkedSale).where(ParkedSale.id == parked_id).with_for_update()
        ).one_or_none()
        if parked is not None:
            self.session.delete(parked)
            self.session.flush()
        return parked


def _with_names() -> Select[ParkedSale, str, str]:
    return (
        select(ParkedSale, User.name, Register.code)
        .join(User, User.id == ParkedSale.cashier_id)
        .join(Register, Register.id == ParkedSale.register_id)
    )
