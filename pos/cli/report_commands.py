"""`pos report z|x|sales|tax|customers|service|stock [--from DATE] [--to DATE] [--register R]
-o FILE.pdf [--csv FILE.csv]` (CONTRACTS.md).

Ctrl+C cancels the report cleanly: nothing is left behind. Heavy imports (reportlab,
the report service) happen inside `run`, when the command is used.
"""

import argparse
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from types import FrameType

from pos.cli.spec import CommandSpec
from pos.config import Settings
from pos.domain.errors import UserError
from pos.domain.report_figures import REPORT_KINDS

KIND_HELP = {
    "z": "end-of-shift report of the register's shifts (no dates: its last closed shift)",
    "x": "the register's open shift so far",
    "sales": "takings per day, week and month, busiest hours, products, categories, cashiers",
    "tax": "tax per rate, checked against the Z reports",
    "customers": "new and returning customers, top customers, cohorts, lapsed, birthdays",
    "service": "the service review: ratings, complaints, promises, follow-ups, per person",
    "stock": "products on sale and those that did not sell (stock levels are not kept yet)",
}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Write an owner report as a PDF (and its tables as CSV). " + "; ".join(
        f"{kind}: {text}" for kind, text in KIND_HELP.items()
    )
    parser.add_argument("kind", choices=REPORT_KINDS, metavar="{" + "|".join(REPORT_KINDS) + "}",
                        help="which report")
    parser.add_argument("--from", dest="start", metavar="DATE",
                        help="first day, YYYY-MM-DD (default: the first of the month)")
    parser.add_argument("--to", dest="end", metavar="DATE",
                        help="last day, YYYY-MM-DD (default: today)")
    parser.add_argument("--register", metavar="R",
                        help="one register only (z and x: default POS_REGISTER)")
    parser.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.pdf",
                        help="the PDF to write")
    parser.add_argument("--csv", type=Path, metavar="FILE.csv", help="also write the tables as CSV")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from pos.services.opening import open_database
    from pos.services.reports import ReportRequest, ReportService

    register = args.register
    if register is None and args.kind in ("z", "x"):
        register = settings.register_code
    request = ReportRequest(
        args.kind, _date("--from", args.start), _date("--to", args.end), register
    )
    database = open_database(settings)
    try:
        with cancelled_by_interrupt() as cancel:
            written = ReportService(database).write(
                request, args.output, csv=args.csv, cancel=cancel
            )
    finally:
        database.close()
    print(f"wrote {written.pdf} ({written.title}, {written.subtitle})")
    if written.csv is not None:
        print(f"wrote {written.csv}")
    return 0


def _date(option: str, text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UserError(f"{option} {text!r} is not a date; write it as YYYY-MM-DD") from None


@contextmanager
def cancelled_by_interrupt() -> Iterator[threading.Event]:
    """An event that Ctrl+C sets (instead of stopping Python mid-write) while the block runs."""
    cancel = threading.Event()
    if threading.current_thread() is not threading.main_thread():
        yield cancel
        return

    def interrupted(_signal: int, _frame: FrameType | None) -> None:
        cancel.set()

    previous = signal.signal(signal.SIGINT, interrupted)
    try:
        yield cancel
    finally:
        signal.signal(signal.SIGINT, previous)


REPORT = CommandSpec("report", add_arguments, run, help="write an owner report (PDF, CSV)")
