"""promises complaints ratings

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from collections.abc import Sequence

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Reserved for the promises complaints ratings tables (filled in by that feature's change)."""


def downgrade() -> None:
    """Reverses upgrade()."""
