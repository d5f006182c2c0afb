"""Text keys for searching: case- and accent-insensitive, whitespace collapsed."""

import unicodedata


def search_key(*parts: str) -> str:
    """The form stored in `search_text` columns and used for queries ("Crème  Brûlée" ->
    "creme brulee"), so "creme" finds "Crème" on SQLite and PostgreSQL alike."""
    text = " ".join(part for part in parts if part)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())
