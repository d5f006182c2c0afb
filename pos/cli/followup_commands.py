"""`pos followups list [--due today|overdue|all]`, `pos followups export-ics FILE`
(CONTRACTS.md) and `pos followups digest` (send the owner's daily digest e-mail).

Services are imported inside `run`: the parser is built on every start of the till.
"""

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pos.cli.spec import CommandSpec
from pos.config import Settings

if TYPE_CHECKING:
    from pos.db.database import Database
    from pos.domain.followups import FollowUpItem

DUE_CHOICES = ("today", "overdue", "all")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "The after-sale follow-up queue."
    actions = parser.add_subparsers(dest="followups_command", metavar="ACTION", required=True,
                                    parser_class=type(parser))
    listing = actions.add_parser("list", help="list open follow-ups, the earliest due first")
    listing.add_argument("--due", choices=DUE_CHOICES, default="all",
                         help="due today, overdue (before today), or all open ones (default)")
    export = actions.add_parser("export-ics", help="write open follow-ups as an iCalendar file")
    export.add_argument("file", type=Path, metavar="FILE", help="the .ics file to write")
    actions.add_parser("digest", help="e-mail today's digest to the owner (POS_SMTP_URL); "
                                      "digests kept while the server was down go too")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from pos.services.opening import open_database

    database = open_database(settings)
    try:
        if args.followups_command == "list":
            return _list(database, args.due)
        if args.followups_command == "export-ics":
            return _export(database, args.file)
        return _digest(database, settings)
    finally:
        database.close()


def _list(database: "Database", due: str) -> int:
    from pos.services.followups import FollowUpService

    service = FollowUpService(database)
    today = service.today()
    items = service.due(today, due)
    for item in items:
        print(_line(item, today))
    print(f"{len(items)} follow-up{'s' if len(items) != 1 else ''} ({due})")
    return 0


def _line(item: "FollowUpItem", today: date) -> str:
    overdue = "OVERDUE " if item.is_overdue(today) else ""
    contact = ", ".join(part for part in (item.phone, item.email) if part) or "no contact"
    note = f" - {item.note}" if item.note else ""
    return (f"{item.due_on.isoformat()} {overdue}#{item.id} {item.kind} "
            f"{item.customer_name or '(no customer)'} ({contact}) {item.why}{note}")


def _export(database: "Database", target: Path) -> int:
    from pos.services.followups import FollowUpService

    service = FollowUpService(database)
    items = service.due(service.today(), "all")
    service.export_ics(target, items)
    print(f"wrote {len(items)} follow-up{'s' if len(items) != 1 else ''} to {target}")
    return 0


def _digest(database: "Database", settings: Settings) -> int:
    from pos.services.digest import DigestService
    from pos.services.followups import FollowUpService

    today = FollowUpService(database).today()
    result = DigestService(database, settings.smtp_url).send_daily_digest(today)
    for day in result.sent:
        print(f"sent the digest of {day.isoformat()}")
    if result.error:
        print(f"pos: error: {len(result.pending)} digest(s) kept to send later: {result.error}",
              file=sys.stderr)
        return 3
    return 0


FOLLOWUPS = CommandSpec(
    name="followups", add_arguments=add_arguments, run=run,
    help="the after-sale follow-up queue: list, export to a calendar, e-mail the digest",
)
