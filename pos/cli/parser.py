"""The `pos` command line's grammar (CONTRACTS.md)."""

import argparse

from pos import __version__
from pos.cli.extensions import EXTENSIONS

GUI_COMMANDS = frozenset({None, "demo"})
"""Commands that open the till window (handled by pos.app)."""


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors say how to get help (exit code 2 as usual)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage()
        self.exit(2, f"pos: error: {message}; see `pos --help`\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="pos",
        description="A point-of-sale till for small shops that knows its customers. "
        "With no command, opens the till on the configured shop.",
        epilog="Configuration comes from the environment: POS_DATA_DIR, POS_DATABASE_URL, "
        "POS_RECEIPT_PRINTER, POS_PRINTER_PROFILE, POS_REGISTER, POS_SMTP_URL, POS_LOCALE.",
    )
    parser.add_argument("--version", action="version", version=f"pos {__version__}")
    parser.add_argument(
        "--quit-after-ready", action="store_true",
        help="open the main window, print 'ready in N ms' and exit (smoke test, timing)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    demo = commands.add_parser("demo", help="create a demo shop in the data directory and open it")
    demo.add_argument("--reset", action="store_true", help="throw the demo shop away and rebuild")
    demo.add_argument(
        "--quit-after-ready", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS
    )

    commands.add_parser("version", help="versions of pos, Python, Qt, SQLAlchemy and the database")

    database = commands.add_parser("db", help="database schema migrations")
    db_commands = database.add_subparsers(dest="db_command", metavar="ACTION", required=True,
                                          parser_class=_Parser)
    db_commands.add_parser("upgrade", help="apply pending migrations (backs up SQLite first)")
    db_commands.add_parser("current", help="show the database's and the code's schema revision")

    bench = commands.add_parser("bench", help="run the benchmark suite")
    bench.add_argument("--size", choices=("small", "large"), default="small")
    bench.add_argument("--json", action="store_true", help="print one JSON object")
    bench.add_argument("--database-url", help="benchmark this database instead of a cached one")

    for extension in EXTENSIONS:
        extension.add_arguments(commands.add_parser(extension.name, help=extension.help))
    return parser


def parse_args(argv: list[str]) -> argparse.Namespace:
    return build_parser().parse_args(argv)
