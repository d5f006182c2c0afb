"""Hints for SQLite's query planner, which has no statistics unless ANALYZE has run.

Without them it guesses that a one-sided range (`closed_at >= ?`) keeps a quarter of
the rows and may scan a whole table in index order to save a sort. Where a condition
is known to be rare, saying so makes it range over the condition's index instead.
"""

from typing import Any

from sqlalchemy import ColumnElement
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import NullType

RARE = 0.05
"""The share of rows a rare condition is taken to keep."""


class Rarely(FunctionElement[Any]):
    """A condition true for few rows (see the module): SQLite's `likelihood(...)`; the
    condition itself elsewhere (PostgreSQL keeps statistics)."""

    type = NullType()
    """Not Boolean: SQLite has no boolean type, and SQLAlchemy would add `= 1`, which
    hides the hint from the planner."""
    inherit_cache = True
    name = "rarely"


@compiles(Rarely)
def _rarely(element: Rarely, compiler: SQLCompiler, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)


@compiles(Rarely, "sqlite")
def _rarely_sqlite(element: Rarely, compiler: SQLCompiler, **kw: Any) -> str:
    return f"likelihood({compiler.process(element.clauses, **kw)}, {RARE})"


def rarely(condition: ColumnElement[bool]) -> ColumnElement[bool]:
    return Rarely(condition)
