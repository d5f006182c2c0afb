"""How the CLI talks: results on stdout, one-line errors on stderr."""

import sys

from pos.domain.errors import PosError


def report_error(error: PosError) -> int:
    """Print `pos: error: ...` on one line and return the exit code for it."""
    print(f"pos: error: {error.message}", file=sys.stderr)
    return error.exit_code
