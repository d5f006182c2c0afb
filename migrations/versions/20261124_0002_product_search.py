"""product search: FTS5 trigram index on SQLite, pg_trgm GIN index on PostgreSQL

Substring search over 50,000 products must answer within a keystroke, so neither
backend may scan the table with LIKE '%x%'. These objects are not in the models'
metadata (SQLAlchemy has no type for them); env.py tells autogenerate to ignore them.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-24
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SQLITE_TRIGGERS = {
    "product_fts_insert": """
        CREATE TRIGGER product_fts_insert AFTER INSERT ON product BEGIN
            INSERT INTO product_fts(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
    "product_fts_delete": """
        CREATE TRIGGER product_fts_delete AFTER DELETE ON product BEGIN
            INSERT INTO product_fts(product_fts, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
        END""",
    "product_fts_update": """
        CREATE TRIGGER product_fts_update AFTER UPDATE OF search_text ON product BEGIN
            INSERT INTO product_fts(product_fts, rowid, search_text)
            VALUES ('delete', old.id, old.search_text);
            INSERT INTO product_fts(rowid, search_text) VALUES (new.id, new.search_text);
        END""",
}


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE product_fts USING fts5("
            "search_text, content='product', content_rowid='id', tokenize='trigram')"
        )
        for ddl in SQLITE_TRIGGERS.values():
            op.execute(ddl)
        op.execute("INSERT INTO product_fts(product_fts) VALUES ('rebuild')")
    else:
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        op.execute(
            "CREATE INDEX ix_product_search_trgm ON product "
            "USING gin (search_text gin_trgm_ops)"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS product_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_product_search_trgm")
