"""Turn driver errors into messages a person can act on."""

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError

from pos.domain.errors import EnvironmentProblemError


def describe_database_error(error: Exception) -> str:
    """One line saying what went wrong with the database and how to fix it."""
    text = str(getattr(error, "orig", error)).strip().splitlines()[0] if str(error) else ""
    lowered = text.lower()
    if "file is not a database" in lowered or "malformed" in lowered:
        return (
            f"the database file is damaged ({text}); restore it from a backup "
            "with `pos restore FILE`, or move it away to start a new shop"
        )
    if "unable to open database file" in lowered:
        return f"cannot open the database file ({text}); check the path and its permissions"
    if "connection" in lowered or "could not connect" in lowered or "timeout" in lowered:
        return (
            f"cannot reach the database server ({text}); check that PostgreSQL is running "
            "and that POS_DATABASE_URL is right"
        )
    return f"database error: {text}"


@contextmanager
def translate_database_errors() -> Iterator[None]:
    """Re-raise operational database failures as `EnvironmentProblemError` (exit code 3)."""
    try:
        yield
    except IntegrityError:
        raise
    except (OperationalError, DatabaseError) as error:
        raise EnvironmentProblemError(describe_database_error(error)) from error


def is_unique_violation(error: BaseException, column: str) -> bool:
    """Whether `error` (possibly wrapped) is a unique-constraint failure on `column`."""
    current: BaseException | None = error
    while current is not None:
        if isinstance(current, IntegrityError):
            text = str(current.orig).lower()
            return "unique" in text and column in text
        current = current.__cause__
    return False
