"""The command groups beyond the core ones (demo, version, db, bench).

Add a line per command module; see `pos.cli.spec` for the rules they follow.
"""

from pos.cli.customer_commands import CUSTOMER
from pos.cli.followup_commands import FOLLOWUPS
from pos.cli.import_commands import IMPORT
from pos.cli.print_commands import PRINT_TEST
from pos.cli.report_commands import REPORT
from pos.cli.spec import CommandSpec

EXTENSIONS: tuple[CommandSpec, ...] = (REPORT, PRINT_TEST, FOLLOWUPS, IMPORT, CUSTOMER)
