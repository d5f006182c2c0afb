"""Shop-wide settings made in the app: a key/value row each (`setting`). Never commits."""

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.db.models import Setting


class SettingRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def values(self, keys: Iterable[str]) -> dict[str, str]:
        """The stored value of each of `keys` that has one."""
        wanted = list(keys)
        rows = self.session.scalars(select(Setting).where(Setting.key.in_(wanted)))
        return {row.key: row.value for row in rows}

    def value(self, key: str) -> str | None:
        """The stored value of `key`, None when nothing is stored."""
        row = self.session.get(Setting, key)
        return None if row is None else row.value

    def put(self, key: str, value: str, at: datetime) -> bool:
        """Store `value` under `key`; whether it differs from what was stored."""
        row = self.session.get(Setting, key, with_for_update=True)
        if row is not None and row.value == value:
            return False
        row = row or Setting(key=key)
        row.value = value
        row.updated_at = at
        self.session.add(row)
        self.session.flush()
        return True
