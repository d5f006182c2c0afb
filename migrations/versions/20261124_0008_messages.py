"""messages: owner templates, thank-yous sent, birthday greetings

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import pos.db.base

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "message_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("occasion", sa.String(length=24), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("variants", sa.Text(), nullable=False),
        sa.Column("updated_at", pos.db.base.UtcDateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["updated_by_id"], ["user_account.id"],
                                name=op.f("fk_message_template_updated_by_id_user_account"),
                                ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_message_template")),
        sa.UniqueConstraint("occasion", "language",
                            name=op.f("uq_message_template_occasion_language")),
    )

    op.create_table(
        "thank_you_sent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=True),
        sa.Column("occasion", sa.String(length=24), nullable=False),
        sa.Column("language", sa.String(length=16), nullable=False),
        sa.Column("variant_key", sa.String(length=16), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("sent_at", pos.db.base.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"],
                                name=op.f("fk_thank_you_sent_customer_id_customer"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"],
                                name=op.f("fk_thank_you_sent_sale_id_sale"), ondelete="SET NULL"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_thank_you_sent")),
    )
    with op.batch_alter_table("thank_you_sent", schema=None) as batch_op:
        batch_op.create_index("ix_thank_you_sent_customer_id_id", ["customer_id", "id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_thank_you_sent_sale_id"), ["sale_id"], unique=False)

    op.create_table(
        "birthday_greeting",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("birthday_on", sa.Date(), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("created_at", pos.db.base.UtcDateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("sent_at", pos.db.base.UtcDateTime(), nullable=True),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"],
                                name=op.f("fk_birthday_greeting_customer_id_customer"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_birthday_greeting")),
    )
    with op.batch_alter_table("birthday_greeting", schema=None) as batch_op:
        batch_op.create_index("ix_birthday_greeting_customer_id_birthday_on",
                              ["customer_id", "birthday_on"], unique=False)
        batch_op.create_index(batch_op.f("ix_birthday_greeting_sent_at"), ["sent_at"],
                              unique=False)

    # The birthday e-mail looks customers up by birthday (day and month).
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.create_index("ix_customer_birthday_month_birthday_day",
                              ["birthday_month", "birthday_day"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("customer", schema=None) as batch_op:
        batch_op.drop_index("ix_customer_birthday_month_birthday_day")
    op.drop_table("birthday_greeting")
    op.drop_table("thank_you_sent")
    op.drop_table("message_template")
