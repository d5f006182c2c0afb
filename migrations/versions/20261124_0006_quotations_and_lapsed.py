"""quotations and lapsed

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from collections.abc import Sequence

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Reserved for the quotations and lapsed tables (filled in by that feature's change)."""


def downgrade() -> None:
    """Reverses upgrade()."""
