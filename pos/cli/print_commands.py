"""`pos print-test [--printer URL]`: a test page on the receipt printer, and its state."""

import argparse

from pos.cli.spec import CommandSpec
from pos.config import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--printer", metavar="URL",
        help="printer address (default: POS_RECEIPT_PRINTER, else the one chosen in the "
             "back office's Settings), e.g. tcp://192.168.1.50:9100",
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    from pos.services.printer_check import print_test_page  # escpos is slow to import

    if args.printer is None:
        settings = _with_stored_printer(settings)
    check = print_test_page(args.printer or settings.receipt_printer, settings.printer_profile)
    print(f"{check.printer}: {check.before.state}; test page sent ({check.bytes_sent} bytes)")
    print(f"now: {check.after.state} ({check.after.detail})")
    return 0


def _with_stored_printer(settings: Settings) -> Settings:
    """The environment's printer, else the one saved in the shop's settings."""
    if settings.receipt_printer_given and settings.printer_profile_given:
        return settings
    from pos.services.opening import open_database
    from pos.services.shop_settings import with_stored_printer

    database = open_database(settings)
    try:
        return with_stored_printer(settings, database)
    finally:
        database.close()


PRINT_TEST = CommandSpec(
    name="print-test",
    add_arguments=add_arguments,
    run=run,
    help="print a test page on the receipt printer and report its state",
)
