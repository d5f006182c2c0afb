"""Unit of work: one session per use case; leaving the block rolls back unless committed."""

from types import TracebackType
from typing import Protocol, Self

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from pos.db.engine import IMMEDIATE
from pos.db.errors import translate_database_errors


class UnitOfWork(Protocol):
    """What services need: a transaction they commit or abandon."""

    def __enter__(self) -> Self: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    def commit(self) -> None: ...


class SqlAlchemyUnitOfWork:
    """A session for one use case. `writer=True` takes SQLite's write lock up front.

    Taking the lock at BEGIN (rather than at the first write) means two writers queue
    instead of one failing with "database is locked" half-way through.
    """

    def __init__(self, session_factory: sessionmaker[Session], *, writer: bool = False) -> None:
        self._session_factory = session_factory
        self._writer = writer
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("use the unit of work inside a `with` block")
        return self._session

    def __enter__(self) -> Self:
        self._session = self._session_factory()
        if self._writer:
            self._session.connection(execution_options={IMMEDIATE: True})
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        # close() rolls back whatever was not committed and detaches the objects
        # without expiring them (rollback() would), so values read inside the block
        # stay readable after it.
        self.session.close()
        self._session = None

    def commit(self) -> None:
        with translate_database_errors():
            self.session.commit()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)
