"""`pos print-test [--printer URL]`: a test page on the receipt printer, and its state."""

import argparse

from pos.cli.spec import CommandSpec
from pos.config import Settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--printer", metavar="URL",
        help="printer address (default: POS_RECEIPT_PRINTER), e.g. tcp://192.168.1.50:9100",
    )


def run(args: argparse.Namespace, settings: Settings) -> int:
    from pos.services.printer_check import print_test_page  # escpos is slow to import

    check = print_test_page(args.printer or settings.receipt_printer, settings.printer_profile)
    print(f"{check.printer}: {check.before.state}; test page sent ({check.bytes_sent} bytes)")
    print(f"now: {check.after.state} ({check.after.detail})")
    return 0


PRINT_TEST = CommandSpec(
    name="print-test",
    add_arguments=add_arguments,
    run=run,
    help="print a test page on the receipt printer and report its state",
)
