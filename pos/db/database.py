"""The open database: one engine, and units of work on it."""

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from pos.db.uow import SqlAlchemyUnitOfWork, make_session_factory


@dataclass(frozen=True)
class Database:
    """An engine plus its session factory; hands out units of work."""

    engine: Engine
    session_factory: sessionmaker[Session]

    @classmethod
    def on(cls, engine: Engine) -> "Database":
        return cls(engine, make_session_factory(engine))

    @property
    def backend(self) -> str:
        """`sqlite` or `postgresql`."""
        return self.engine.dialect.name

    def reader(self) -> SqlAlchemyUnitOfWork:
        return SqlAlchemyUnitOfWork(self.session_factory)

    def writer(self) -> SqlAlchemyUnitOfWork:
        return SqlAlchemyUnitOfWork(self.session_factory, writer=True)

    def server_version(self) -> str:
        info = self.engine.dialect.server_version_info or ()
        return ".".join(str(part) for part in info)

    def close(self) -> None:
        self.engine.dispose()
