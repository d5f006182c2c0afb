"""Fixtures for the service tests: a till ready to sell, on SQLite and on PostgreSQL."""

import pytest

from pos.db.database import Database
from tests.factories import TillFixture


@pytest.fixture
def till(database: Database) -> TillFixture:
    """A shop with Alex signed in on register 1, a mug and a card (see `TillFixture`)."""
    return TillFixture.open(database)
