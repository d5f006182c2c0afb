"""sale gifts: a sale or a line of it marked as a present, for whom and what occasion

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import pos.db.base

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "sale_gift",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=True),
        sa.Column("recipient", sa.String(length=80), nullable=False),
        sa.Column("occasion", sa.String(length=16), nullable=False),
        sa.Column("occasion_on", sa.Date(), nullable=True),
        sa.Column("created_at", pos.db.base.UtcDateTime(), nullable=False),
        sa.CheckConstraint(
            "occasion IN ('birthday', 'wedding', 'anniversary', 'christmas', 'thank_you', "
            "'other')",
            name=op.f("ck_sale_gift_occasion"),
        ),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"],
                                name=op.f("fk_sale_gift_sale_id_sale"), ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sale_gift")),
    )
    with op.batch_alter_table("sale_gift", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_sale_gift_sale_id"), ["sale_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("sale_gift", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_sale_gift_sale_id"))
    op.drop_table("sale_gift")
