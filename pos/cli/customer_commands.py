"""`pos customer export ID -o FILE.json` / `pos customer erase ID` (CONTRACTS.md), and
`pos customer rebuild-stats` (recompute every customer's visits and spend)."""

import argparse
import json
from pathlib import Path
from typing import TYPE_CHECKING

from pos.cli.spec import CommandSpec
from pos.config import Settings
from pos.domain.errors import UserError

if TYPE_CHECKING:  # imported when the command runs, not on every start of the till
    from pos.services.customers import CustomerService

ACTOR = "pos customer"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "A customer's own data: export everything held, or erase it."
    actions = parser.add_subparsers(dest="customer_command", metavar="ACTION", required=True)
    export = actions.add_parser("export", help="write everything held on a customer as JSON")
    export.add_argument("customer_id", type=int, metavar="ID")
    export.add_argument("-o", "--output", required=True, type=Path, metavar="FILE.json")
    erase = actions.add_parser(
        "erase", help="remove a customer's personal data (their sales stay, unlinked)"
    )
    erase.add_argument("customer_id", type=int, metavar="ID")
    actions.add_parser("rebuild-stats", help="recompute every customer's visits and spend")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from pos.services.customers import CustomerService
    from pos.services.opening import open_database

    database = open_database(settings)
    try:
        customers = CustomerService(database)
        if args.customer_command == "export":
            _export(customers, args.customer_id, args.output)
        elif args.customer_command == "erase":
            erased = customers.erase(args.customer_id, actor=f"{ACTOR} erase")
            print(
                f"erased the personal data of customer {erased.id}; {erased.sales_kept} sales "
                f"kept for the accounts, no longer linked to them (audit entry {erased.audit_id})"
            )
        else:
            print(f"statistics rebuilt: {customers.rebuild_stats()} customers have visits")
    finally:
        database.close()
    return 0


def _export(customers: "CustomerService", customer_id: int, output: Path) -> None:
    exported = customers.export(customer_id, actor=f"{ACTOR} export")
    text = json.dumps(exported, indent=2, ensure_ascii=False)
    try:
        output.write_text(text + "\n", encoding="utf-8")
    except OSError as error:
        raise UserError(
            f"cannot write {output} ({error.strerror or error}); choose another file with -o"
        ) from None
    print(
        f"exported customer {customer_id} to {output}: {len(exported['sales'])} sales, "
        f"{len(exported['preferences'])} preferences"
    )


CUSTOMER = CommandSpec(
    name="customer", add_arguments=add_arguments, run=run,
    help="export or erase a customer's own data (GDPR access / erasure)",
)
