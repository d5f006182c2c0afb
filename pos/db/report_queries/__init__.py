"""The owner reports' read model: aggregate queries (GROUP BY in the database, on SQLite
and PostgreSQL alike) returning the plain figures of `pos.domain.report_figures`.

Functions take a session and never write. Periods arrive as UTC bounds `[start, end)`
computed from the shop's local days (`pos.domain.periods`).
"""
