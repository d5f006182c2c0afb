"""Commands that need no window: version, db, bench."""

import argparse
import json

from pos.cli.extensions import EXTENSIONS
from pos.config import Settings, with_database
from pos.domain.errors import PosError
from pos.services.opening import current_schema, open_database, upgrade_schema
from pos.services.system import version_report


def version(settings: Settings) -> int:
    try:
        database = open_database(settings, upgrade=False)
    except PosError as problem:  # versions are still worth printing without a database
        database, unavailable = None, problem.message
    report = version_report(database)
    if database is not None:
        database.close()
    print(f"pos {report.pos}")
    print(f"Python {report.python}")
    print(f"Qt (PySide6) {report.qt}")
    print(f"SQLAlchemy {report.sqlalchemy}")
    print(f"Database {report.database}" if database else f"Database unavailable: {unavailable}")
    return 0


def db_upgrade(settings: Settings) -> int:
    result = upgrade_schema(settings)
    if result.before == result.after:
        print(f"database already at revision {result.after}")
    else:
        print(f"database upgraded from {result.before or 'empty'} to {result.after}")
    if result.backup is not None:
        print(f"backup of the previous database: {result.backup}")
    return 0


def db_current(settings: Settings) -> int:
    state = current_schema(settings)
    marker = (
        "(up to date)" if state.up_to_date else f"(code is at {state.head}; run `pos db upgrade`)"
    )
    print(f"{state.current or 'empty'} {marker}")
    return 0


def bench(settings: Settings, args: argparse.Namespace) -> int:
    from pos.bench.runner import run_benchmarks  # heavy, and only for this command

    if args.database_url:
        settings = with_database(settings, args.database_url)
    result = run_benchmarks(settings, size=args.size, given_database=bool(args.database_url))
    if args.json:
        print(json.dumps(result))
    else:
        for name, value in result["metrics"].items():
            print(f"{name:28} {value}")
    return 0


def dispatch(args: argparse.Namespace, settings: Settings) -> int:
    """Run a non-window command; `PosError`s propagate to the caller for reporting."""
    if args.command == "version":
        return version(settings)
    if args.command == "db":
        return db_upgrade(settings) if args.db_command == "upgrade" else db_current(settings)
    if args.command == "bench":
        return bench(settings, args)
    for extension in EXTENSIONS:
        if args.command == extension.name:
            return extension.run(args, settings)
    raise AssertionError(f"unhandled command {args.command}")
