"""Is the database there? (for the status bar and `pos version`)."""

from dataclasses import dataclass

from pos.db.database import Database
from pos.db.errors import translate_database_errors
from pos.db.repositories import ShopRepository
from pos.domain.errors import EnvironmentProblemError


@dataclass(frozen=True)
class DatabaseHealth:
    backend: str
    ok: bool
    detail: str


class HealthService:
    def __init__(self, database: Database) -> None:
        self._database = database

    def check_database(self) -> DatabaseHealth:
        backend = "PostgreSQL" if self._database.backend == "postgresql" else "SQLite"
        try:
            with translate_database_errors(), self._database.reader() as uow:
                counts = ShopRepository(uow.session).counts()
        except EnvironmentProblemError as problem:
            return DatabaseHealth(backend, False, problem.message)
        return DatabaseHealth(backend, True, f"{counts['products']:,} products")
