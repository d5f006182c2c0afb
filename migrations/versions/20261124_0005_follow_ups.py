"""follow-ups

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import pos.db.base

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "follow_up",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("sale_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("source_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("outcome", sa.String(length=24), nullable=False),
        sa.Column("outcome_note", sa.Text(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", pos.db.base.UtcDateTime(), nullable=False),
        sa.Column("done_at", pos.db.base.UtcDateTime(), nullable=True),
        sa.CheckConstraint("kind IN ('call', 'email', 'sms', 'visit')",
                           name=op.f("ck_follow_up_kind")),
        sa.CheckConstraint("status IN ('open', 'done', 'cancelled')",
                           name=op.f("ck_follow_up_status")),
        sa.ForeignKeyConstraint(["created_by_id"], ["user_account.id"],
                                name=op.f("fk_follow_up_created_by_id_user_account")),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"],
                                name=op.f("fk_follow_up_customer_id_customer")),
        sa.ForeignKeyConstraint(["owner_id"], ["user_account.id"],
                                name=op.f("fk_follow_up_owner_id_user_account")),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"], name=op.f("fk_follow_up_sale_id_sale")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up")),
    )
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.create_index("ix_follow_up_status_due_on", ["status", "due_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_follow_up_customer_id"), ["customer_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_follow_up_owner_id"), ["owner_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_follow_up_sale_id"), ["sale_id"], unique=False)


def downgrade() -> None:
    op.drop_table("follow_up")
