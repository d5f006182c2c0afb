"""`pos import products|customers|sales FILE [--format generic|online-retail]
[--map COL=FIELD ...] [--dry-run] [--encoding ENC] [--delimiter C] [--rejects FILE]`
(CONTRACTS.md).

Prints what was imported on stdout, a progress bar on stderr (on a terminal), and
writes the reject report beside the file. Ctrl+C stops it; what was written stays,
and running the same command again finishes the import.
"""

import argparse
from pathlib import Path

from pos.cli.spec import CommandSpec
from pos.config import Settings
from pos.domain.errors import UserError

KINDS = ("products", "customers", "sales")
FORMATS = ("generic", "online-retail")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = (
        "Import products, customers or past sales from a CSV file. Every row that cannot be "
        "imported is listed with its line number and reason in a reject report. Importing "
        "the same file again changes nothing. With --format online-retail (the UCI Online "
        "Retail layout), importing sales also adds the products and customers they name."
    )
    parser.add_argument("kind", choices=KINDS, metavar="{products|customers|sales}")
    parser.add_argument("file", type=Path, metavar="FILE")
    parser.add_argument("--format", dest="format_name", choices=FORMATS, default="generic",
                        help="the file's layout (default: generic, CONTRACTS.md)")
    parser.add_argument("--map", action="extend", nargs="+", default=[], metavar="COL=FIELD",
                        help="read FIELD from the column COL (e.g. --map Cost=price)")
    parser.add_argument("--dry-run", action="store_true",
                        help="check everything and show the counts, write nothing")
    parser.add_argument("--encoding", default="utf-8-sig",
                        help="the file's encoding (default: UTF-8, with or without BOM)")
    parser.add_argument("--delimiter", default=",", help="the column separator (default: ,)")
    parser.add_argument("--rejects", type=Path, metavar="FILE",
                        help="where to write the reject report (default: FILE.rejects.csv)")


def run(args: argparse.Namespace, settings: Settings) -> int:
    from pos.cli.progress import TerminalProgress
    from pos.services.importing.mapping import parse_map_options
    from pos.services.importing.service import ImportOptions, ImportService
    from pos.services.importing.summary import summary_lines
    from pos.services.opening import open_database

    options = ImportOptions(
        kind=args.kind, path=args.file, format_name=args.format_name,
        mapping=parse_map_options(args.map), encoding=args.encoding,
        delimiter=args.delimiter.replace("\\t", "\t"), dry_run=args.dry_run,
        rejects_path=args.rejects,
    )
    database = open_database(settings)
    progress = TerminalProgress()
    try:
        summary = ImportService(database).run(options, progress)
    except KeyboardInterrupt:
        raise UserError(
            "import interrupted; what was written is kept: run the same command again to "
            "finish it"
        ) from None
    finally:
        progress.close()
        database.close()
    for line in summary_lines(summary):
        print(line)
    return 0


IMPORT = CommandSpec(
    name="import", add_arguments=add_arguments, run=run,
    help="import products, customers or past sales from CSV (with a reject report)",
)
