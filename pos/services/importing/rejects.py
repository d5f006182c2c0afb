"""The reject report: every row that was not imported, with its line number and reason.

It is a CSV file: `line`, `reason`, then the row as it was in the file, so the rows
can be fixed and imported again (the extra columns are not fields, and are ignored).
"""

import csv
from collections.abc import Sequence
from pathlib import Path

from pos.domain.errors import UserError
from pos.services.importing.reader import CsvTable
from pos.services.importing.rows import Reject

REPORT_COLUMNS = ("line", "reason")


def default_rejects_path(source: Path) -> Path:
    """`sales.csv` -> `sales.rejects.csv`, beside the file imported."""
    return source.with_name(f"{source.stem}.rejects.csv")


def write_rejects(path: Path, table: CsvTable, rejects: Sequence[Reject]) -> None:
    """Write the report (a header only when nothing was rejected, so an old report never
    stands in for this import's)."""
    cells = {record.line: record.cells for record in table.records}
    try:
        with path.open("w", encoding="utf-8", newline="") as file:
            writer = csv.writer(file)
            writer.writerow((*REPORT_COLUMNS, *table.header))
            for reject in sorted(rejects, key=lambda r: r.line):
                writer.writerow((reject.line, reject.reason, *cells.get(reject.line, ())))
    except OSError as error:
        raise UserError(
            f"cannot write the reject report {path} ({error.strerror or error}); "
            "name another place with --rejects FILE"
        ) from None
