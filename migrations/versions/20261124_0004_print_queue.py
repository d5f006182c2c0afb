"""print queue

Every receipt, copy, drawer kick and test page is recorded as a job before the
printer worker sends it, so a job survives a printer fault or a restart and can be
reprinted (see pos.db.models.printing).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import pos.db.base

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('print_job',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('register_code', sa.String(length=16), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('sale_id', sa.Integer(), nullable=True),
    sa.Column('gift', sa.Boolean(), nullable=False),
    sa.Column('payload', sa.LargeBinary(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.String(length=400), nullable=False),
    sa.Column('created_at', pos.db.base.UtcDateTime(), nullable=False),
    sa.Column('updated_at', pos.db.base.UtcDateTime(), nullable=False),
    sa.Column('next_attempt_at', pos.db.base.UtcDateTime(), nullable=True),
    sa.Column('printed_at', pos.db.base.UtcDateTime(), nullable=True),
    sa.CheckConstraint("kind IN ('receipt', 'copy', 'drawer', 'test')", name=op.f('ck_print_job_kind')),
    sa.CheckConstraint("status IN ('pending', 'printing', 'done', 'failed', 'held-paper-out', 'held-offline')", name=op.f('ck_print_job_status')),
    sa.ForeignKeyConstraint(['sale_id'], ['sale.id'], name=op.f('fk_print_job_sale_id_sale')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_print_job'))
    )
    with op.batch_alter_table('print_job', schema=None) as batch_op:
        batch_op.create_index('ix_print_job_register_code_status', ['register_code', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_print_job_sale_id'), ['sale_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('print_job', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_print_job_sale_id'))
        batch_op.drop_index('ix_print_job_register_code_status')

    op.drop_table('print_job')
