"""Bulk writes for data builders (demo shop, benchmark sets): Core executemany, no ORM objects.

Building a whole shop through ORM objects costs a Python object, an identity-map entry
and a flush per row; one Core INSERT with a list of parameter dicts lets the driver
run `executemany` (SQLite) or multi-row VALUES (PostgreSQL, "insertmanyvalues").
"""

from collections.abc import Mapping, Sequence

from sqlalchemy import Table, insert, text
from sqlalchemy.orm import Session

from pos.db.base import Base

Row = Mapping[str, object]
"""One row to insert, by column name."""


def table_of(model: type[Base]) -> Table:
    """The table a model is mapped to (typed as a Table, for Core statements)."""
    table = model.__table__
    if not isinstance(table, Table):
        raise TypeError(f"{model.__name__} is not mapped to a table")
    return table


def insert_rows(session: Session, model: type[Base], rows: Sequence[Row]) -> int:
    """Insert `rows` into `model`'s table in the session's transaction; returns how many.

    Column types still apply (a naive datetime is refused by `UtcDateTime`), but no
    ORM events or defaults run: give every non-nullable column a value.
    """
    if rows:
        session.execute(insert(table_of(model)), list(rows))
    return len(rows)


def reset_id_sequences(session: Session) -> None:
    """Move PostgreSQL's id sequences past ids that were inserted explicitly.

    PostgreSQL advances a serial column's sequence only when it generates the value,
    so after explicit ids the next ordinary insert would reuse id 1 and fail. SQLite
    needs nothing: it takes the largest rowid plus one.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    for table in Base.metadata.sorted_tables:
        column = table.autoincrement_column
        if column is None:
            continue
        session.execute(
            text(
                f'SELECT setval(pg_get_serial_sequence(:table, :column), '
                f'COALESCE((SELECT MAX("{column.name}") FROM "{table.name}"), 0) + 1, false)'
            ),
            {"table": table.name, "column": column.name},
        )
