"""What an import did, for the command line, the UI and the audit log."""

from dataclasses import asdict, dataclass
from pathlib import Path

from pos.services.importing.rows import Reject


@dataclass
class Counts:
    """Products or customers: added, already there, or (customers) erased and left out."""

    new: int = 0
    existing: int = 0
    erased: int = 0
    """Customers erased at their request are not brought back by an import."""


@dataclass
class SalesCounts:
    sales: int = 0
    """New receipts of kind "sale"."""
    returns: int = 0
    """New receipts of kind "return" (Online Retail's "C" invoices)."""
    returns_linked: int = 0
    """Returns linked to the sale they took back."""
    lines: int = 0
    existing: int = 0
    """Receipts imported before: left as they are."""


@dataclass(frozen=True)
class ImportSummary:
    kind: str
    format_name: str
    path: Path
    rows: int
    """Records read from the file (the header and blank lines not counted)."""
    dry_run: bool
    rejects_path: Path
    rejects: tuple[Reject, ...] = ()
    products: Counts | None = None
    customers: Counts | None = None
    sales: SalesCounts | None = None

    def audit_details(self) -> dict[str, object]:
        """Counts only (no names): what the audit log keeps about an import."""
        return {
            "file": self.path.name, "format": self.format_name, "rows": self.rows,
            "rejected": len(self.rejects),
            **{name: asdict(counts) for name, counts in (
                ("products", self.products), ("customers", self.customers),
                ("sales", self.sales),
            ) if counts is not None},
        }


def summary_lines(summary: ImportSummary) -> list[str]:
    """What the import did, a line each (the command's output, the back office's message)."""
    lines = [
        f"{summary.kind} from {summary.path.name} ({summary.format_name}): "
        f"{summary.rows:,} rows read"
    ]
    for name, counts in (("products", summary.products), ("customers", summary.customers)):
        if counts is not None:
            erased = f", {counts.erased:,} erased (left out)" if counts.erased else ""
            lines.append(f"  {name}: {counts.new:,} new, {counts.existing:,} already there{erased}")
    if summary.sales is not None:
        sales = summary.sales
        lines.append(
            f"  sales: {sales.sales:,} new, returns: {sales.returns:,} new "
            f"({sales.returns_linked:,} linked to their sale), {sales.lines:,} lines; "
            f"{sales.existing:,} receipts already imported"
        )
    lines.append(
        f"  rejected: {len(summary.rejects):,} rows, listed in {summary.rejects_path}"
    )
    if summary.dry_run:
        lines.append("dry run: nothing was written")
    return lines
