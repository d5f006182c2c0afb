"""quotations, follow-up rules, lapse reasons and the follow-up digest

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import pos.db.base

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DEFAULT_QUOTATION_RULE = {
    "trigger": "quotation", "amount_minor": None, "category_id": None, "days_after": 1,
    "working_days": True, "kind": "call", "active": True,
    "note": "Thank them for asking for a quotation; ask if they have any questions",
}
"""Every quotation is followed up the next working day unless the owner changes this."""


def upgrade() -> None:
    op.create_table(
        "quotation_counter",
        sa.Column("register_id", sa.Integer(), nullable=False),
        sa.Column("last_seq", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["register_id"], ["register.id"], ondelete="CASCADE",
                                name=op.f("fk_quotation_counter_register_id_register")),
        sa.PrimaryKeyConstraint("register_id", name=op.f("pk_quotation_counter")),
    )
    op.create_table(
        "quotation",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("register_id", sa.Integer(), nullable=False),
        sa.Column("quote_seq", sa.BigInteger(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("cashier_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("valid_until", sa.Date(), nullable=False),
        sa.Column("subtotal_minor", sa.BigInteger(), nullable=False),
        sa.Column("discount_minor", sa.BigInteger(), nullable=False),
        sa.Column("tax_minor", sa.BigInteger(), nullable=False),
        sa.Column("total_minor", sa.BigInteger(), nullable=False),
        sa.Column("prices_include_tax", sa.Boolean(), nullable=False),
        sa.Column("cart_json", sa.Text(), nullable=False),
        sa.Column("created_at", pos.db.base.UtcDateTime(), nullable=False),
        sa.Column("expired_at", pos.db.base.UtcDateTime(), nullable=True),
        sa.Column("converted_sale_id", sa.Integer(), nullable=True),
        sa.Column("converted_at", pos.db.base.UtcDateTime(), nullable=True),
        sa.CheckConstraint("status IN ('open', 'converted', 'expired')",
                           name=op.f("ck_quotation_status")),
        sa.ForeignKeyConstraint(["cashier_id"], ["user_account.id"],
                                name=op.f("fk_quotation_cashier_id_user_account")),
        sa.ForeignKeyConstraint(["converted_sale_id"], ["sale.id"],
                                name=op.f("fk_quotation_converted_sale_id_sale")),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"],
                                name=op.f("fk_quotation_customer_id_customer")),
        sa.ForeignKeyConstraint(["register_id"], ["register.id"],
                                name=op.f("fk_quotation_register_id_register")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotation")),
        sa.UniqueConstraint("number", name=op.f("uq_quotation_number")),
        sa.UniqueConstraint("register_id", "quote_seq", name="uq_quotation_register_seq"),
    )
    with op.batch_alter_table("quotation", schema=None) as batch_op:
        batch_op.create_index("ix_quotation_status_valid_until", ["status", "valid_until"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_quotation_customer_id"), ["customer_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_quotation_converted_sale_id"),
                              ["converted_sale_id"], unique=False)

    op.create_table(
        "quotation_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quotation_id", sa.Integer(), nullable=False),
        sa.Column("line_no", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("product_code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("weight_grams", sa.Integer(), nullable=True),
        sa.Column("unit_price_minor", sa.BigInteger(), nullable=False),
        sa.Column("discount_minor", sa.BigInteger(), nullable=False),
        sa.Column("tax_rate_bp", sa.Integer(), nullable=False),
        sa.Column("tax_minor", sa.BigInteger(), nullable=False),
        sa.Column("total_minor", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"],
                                name=op.f("fk_quotation_line_product_id_product")),
        sa.ForeignKeyConstraint(["quotation_id"], ["quotation.id"], ondelete="CASCADE",
                                name=op.f("fk_quotation_line_quotation_id_quotation")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_quotation_line")),
        sa.UniqueConstraint("quotation_id", "line_no",
                            name="uq_quotation_line_quotation_line_no"),
    )
    with op.batch_alter_table("quotation_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_quotation_line_quotation_id"), ["quotation_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_quotation_line_product_id"), ["product_id"],
                              unique=False)

    rules = op.create_table(
        "follow_up_rule",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("trigger", sa.String(length=20), nullable=False),
        sa.Column("amount_minor", sa.BigInteger(), nullable=True),
        sa.Column("category_id", sa.Integer(), nullable=True),
        sa.Column("days_after", sa.Integer(), nullable=False),
        sa.Column("working_days", sa.Boolean(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "trigger IN ('sale_over_amount', 'category', 'quotation', 'complaint')",
            name=op.f("ck_follow_up_rule_trigger")),
        sa.CheckConstraint("kind IN ('call', 'email', 'sms', 'visit')",
                           name=op.f("ck_follow_up_rule_kind")),
        sa.CheckConstraint("days_after >= 0", name=op.f("ck_follow_up_rule_days_after")),
        sa.CheckConstraint("(trigger = 'sale_over_amount') = (amount_minor IS NOT NULL)",
                           name=op.f("ck_follow_up_rule_amount")),
        sa.CheckConstraint("(trigger = 'category') = (category_id IS NOT NULL)",
                           name=op.f("ck_follow_up_rule_category")),
        sa.ForeignKeyConstraint(["category_id"], ["category.id"], ondelete="CASCADE",
                                name=op.f("fk_follow_up_rule_category_id_category")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up_rule")),
    )
    with op.batch_alter_table("follow_up_rule", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_follow_up_rule_category_id"), ["category_id"],
                              unique=False)
    if rules is not None:
        op.bulk_insert(rules, [DEFAULT_QUOTATION_RULE])

    op.create_table(
        "lapse_reason",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", pos.db.base.UtcDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], ondelete="CASCADE",
                                name=op.f("fk_lapse_reason_customer_id_customer")),
        sa.ForeignKeyConstraint(["recorded_by_id"], ["user_account.id"],
                                name=op.f("fk_lapse_reason_recorded_by_id_user_account")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lapse_reason")),
    )
    with op.batch_alter_table("lapse_reason", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_lapse_reason_customer_id"), ["customer_id"],
                              unique=False)
        batch_op.create_index(batch_op.f("ix_lapse_reason_recorded_at"), ["recorded_at"],
                              unique=False)

    op.create_table(
        "follow_up_digest",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest_day", sa.Date(), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", pos.db.base.UtcDateTime(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=False),
        sa.Column("sent_at", pos.db.base.UtcDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_follow_up_digest")),
        sa.UniqueConstraint("digest_day", name=op.f("uq_follow_up_digest_digest_day")),
    )
    with op.batch_alter_table("follow_up_digest", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_follow_up_digest_sent_at"), ["sent_at"],
                              unique=False)

    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.create_index("ix_follow_up_source_source_id", ["source", "source_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_index("ix_follow_up_source_source_id")
    op.drop_table("follow_up_digest")
    op.drop_table("lapse_reason")
    op.drop_table("follow_up_rule")
    op.drop_table("quotation_line")
    op.drop_table("quotation")
    op.drop_table("quotation_counter")
