"""promises complaints ratings

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-24
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import pos.db.base

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "visit_rating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=False),
        sa.Column("stars", sa.Integer(), nullable=False),
        sa.Column("word", sa.String(length=80), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("rated_at", pos.db.base.UtcDateTime(), nullable=False),
        sa.Column("replaced_at", pos.db.base.UtcDateTime(), nullable=True),
        sa.CheckConstraint("source IN ('cashier', 'display', 'receipt_code')",
                           name=op.f("ck_visit_rating_source")),
        sa.CheckConstraint("stars BETWEEN 1 AND 5", name=op.f("ck_visit_rating_stars")),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"], name=op.f("fk_visit_rating_sale_id_sale"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_visit_rating")),
    )
    with op.batch_alter_table("visit_rating", schema=None) as batch_op:
        batch_op.create_index("uq_visit_rating_current_sale", ["sale_id"], unique=True,
                              sqlite_where=sa.text("replaced_at IS NULL"),
                              postgresql_where=sa.text("replaced_at IS NULL"))

    op.create_table(
        "complaint",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=True),
        sa.Column("sale_id", sa.Integer(), nullable=True),
        sa.Column("line_no", sa.Integer(), nullable=True),
        sa.Column("category", sa.String(length=16), nullable=False),
        sa.Column("said", sa.Text(), nullable=False),
        sa.Column("severity", sa.String(length=8), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("logged_by_id", sa.Integer(), nullable=False),
        sa.Column("logged_at", pos.db.base.UtcDateTime(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("apologised_at", pos.db.base.UtcDateTime(), nullable=True),
        sa.Column("first_response_at", pos.db.base.UtcDateTime(), nullable=True),
        sa.Column("response_note", sa.Text(), nullable=False),
        sa.Column("remedy", sa.String(length=16), nullable=True),
        sa.Column("resolution_note", sa.Text(), nullable=False),
        sa.Column("resolved_at", pos.db.base.UtcDateTime(), nullable=True),
        sa.Column("follow_up_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "(status = 'resolved') = (remedy IS NOT NULL AND resolved_at IS NOT NULL)",
            name=op.f("ck_complaint_resolved_with_remedy")),
        sa.CheckConstraint(
            "category IN ('product_fault', 'service', 'price', 'wait', 'staff', 'other')",
            name=op.f("ck_complaint_category")),
        sa.CheckConstraint(
            "remedy IS NULL OR remedy IN "
            "('refund', 'replacement', 'discount', 'voucher', 'explanation')",
            name=op.f("ck_complaint_remedy")),
        sa.CheckConstraint("severity IN ('low', 'medium', 'high')",
                           name=op.f("ck_complaint_severity")),
        sa.CheckConstraint("status IN ('open', 'responded', 'resolved')",
                           name=op.f("ck_complaint_status")),
        sa.CheckConstraint("line_no IS NULL OR sale_id IS NOT NULL",
                           name=op.f("ck_complaint_line_of_a_sale")),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"],
                                name=op.f("fk_complaint_customer_id_customer")),
        sa.ForeignKeyConstraint(["follow_up_id"], ["follow_up.id"],
                                name=op.f("fk_complaint_follow_up_id_follow_up"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["logged_by_id"], ["user_account.id"],
                                name=op.f("fk_complaint_logged_by_id_user_account")),
        sa.ForeignKeyConstraint(["owner_id"], ["user_account.id"],
                                name=op.f("fk_complaint_owner_id_user_account")),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"], name=op.f("fk_complaint_sale_id_sale")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint")),
    )
    with op.batch_alter_table("complaint", schema=None) as batch_op:
        for column in ("apologised_at", "customer_id", "first_response_at", "logged_at",
                       "resolved_at", "sale_id"):
            batch_op.create_index(batch_op.f(f"ix_complaint_{column}"), [column], unique=False)

    op.create_table(
        "promise",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("promised_by_id", sa.Integer(), nullable=False),
        sa.Column("sale_id", sa.Integer(), nullable=True),
        sa.Column("product_id", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("made_at", pos.db.base.UtcDateTime(), nullable=False),
        sa.Column("ready_at", pos.db.base.UtcDateTime(), nullable=True),
        sa.Column("closed_at", pos.db.base.UtcDateTime(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("follow_up_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("(status = 'open') = (closed_at IS NULL)",
                           name=op.f("ck_promise_closed_when_marked")),
        sa.CheckConstraint("status IN ('open', 'kept', 'broken')",
                           name=op.f("ck_promise_status")),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"],
                                name=op.f("fk_promise_customer_id_customer")),
        sa.ForeignKeyConstraint(["follow_up_id"], ["follow_up.id"],
                                name=op.f("fk_promise_follow_up_id_follow_up"),
                                ondelete="SET NULL"),
        sa.ForeignKeyConstraint(["product_id"], ["product.id"],
                                name=op.f("fk_promise_product_id_product")),
        sa.ForeignKeyConstraint(["promised_by_id"], ["user_account.id"],
                                name=op.f("fk_promise_promised_by_id_user_account")),
        sa.ForeignKeyConstraint(["sale_id"], ["sale.id"], name=op.f("fk_promise_sale_id_sale")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promise")),
    )
    with op.batch_alter_table("promise", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_promise_closed_at"), ["closed_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_promise_due_on"), ["due_on"], unique=False)
        batch_op.create_index("ix_promise_customer_id_status", ["customer_id", "status"],
                              unique=False)
        batch_op.create_index("ix_promise_product_id_status", ["product_id", "status"],
                              unique=False)
        batch_op.create_index("ix_promise_status_due_on", ["status", "due_on"], unique=False)

    # The service review counts follow-ups done in a period (pos.db.models.review_indexes).
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.create_index("ix_follow_up_done_at", ["done_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("follow_up", schema=None) as batch_op:
        batch_op.drop_index("ix_follow_up_done_at")
    op.drop_table("promise")
    op.drop_table("complaint")
    op.drop_table("visit_rating")
