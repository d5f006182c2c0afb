"""Time arithmetic in SQL that reads the same on SQLite and PostgreSQL."""

from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Float, and_
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import InstrumentedAttribute
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

Bounds = tuple[datetime, datetime]
"""[start, end) in aware UTC."""


class SecondsBetween(FunctionElement[float]):
    """Seconds from one `UtcDateTime` column to another (NULL if either is NULL).

    SQLite keeps these columns as ISO text, which `julianday` reads (to the millisecond);
    PostgreSQL subtracts timestamps into an interval.
    """

    type = Float()
    inherit_cache = True
    name = "seconds_between"


@compiles(SecondsBetween, "sqlite")
def _seconds_between_sqlite(element: SecondsBetween, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"((julianday({end}) - julianday({start})) * 86400.0)"


@compiles(SecondsBetween, "postgresql")
def _seconds_between_postgresql(
    element: SecondsBetween, compiler: SQLCompiler, **kw: Any
) -> str:
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"CAST(EXTRACT(EPOCH FROM ({end} - {start})) AS DOUBLE PRECISION)"


def seconds_between(
    start: InstrumentedAttribute[Any], end: InstrumentedAttribute[Any]
) -> SecondsBetween:
    return SecondsBetween(start, end)


def within(column: InstrumentedAttribute[Any], bounds: Bounds) -> ColumnElement[bool]:
    """`column` in [start, end): an indexed range."""
    start, end = bounds
    return and_(column >= start, column < end)
