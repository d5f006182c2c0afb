from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.exc import StatementError

from pos.db.database import Database
from pos.db.models import Register


def test_aware_times_are_stored_as_utc_and_read_back_aware(database: Database) -> None:
    paris_noon = datetime(2026, 6, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    with database.writer() as uow:
        uow.session.add(Register(code="9", name="Till 9", created_at=paris_noon))
        uow.commit()
    with database.reader() as uow:
        stored = uow.session.query(Register).filter_by(code="9").one().created_at
    assert stored == datetime(2026, 6, 1, 10, 0, tzinfo=UTC)
    assert stored.tzinfo is UTC


def test_naive_times_are_refused_and_nothing_is_written(database: Database) -> None:
    with database.writer() as uow:
        uow.session.add(Register(code="8", name="Till 8", created_at=datetime(2026, 6, 1)))  # noqa: DTZ001
        with pytest.raises(StatementError, match="naive datetime"):
            uow.session.flush()
    with database.reader() as uow:
        assert uow.session.query(Register).filter_by(code="8").count() == 0
