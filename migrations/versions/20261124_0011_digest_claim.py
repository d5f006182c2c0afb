"""follow-up digest: which till is sending it, so two tills never both send it

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import pos.db.base

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("follow_up_digest", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sending_since", pos.db.base.UtcDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("follow_up_digest", schema=None) as batch_op:
        batch_op.drop_column("sending_since")
