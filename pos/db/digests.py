"""The digest outbox: each day's digest written once, then retried until it is sent.

Never commits: the digest service does, once per attempt, so an attempt's outcome is
kept even if the next one crashes.
"""

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.db.models import FollowUpDigest, Setting


class DigestRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def for_day(self, day: date) -> FollowUpDigest | None:
        return self.session.scalars(
            select(FollowUpDigest).where(FollowUpDigest.digest_day == day)
        ).one_or_none()

    def get(self, digest_id: int) -> FollowUpDigest | None:
        return self.session.get(FollowUpDigest, digest_id, with_for_update=True)

    def add(self, digest: FollowUpDigest) -> None:
        self.session.add(digest)
        self.session.flush()

    def unsent(self) -> list[FollowUpDigest]:
        """Digests the mail server has not taken yet, oldest first, locked."""
        return list(self.session.scalars(
            select(FollowUpDigest)
            .where(FollowUpDigest.sent_at.is_(None))
            .order_by(FollowUpDigest.digest_day)
            .with_for_update()
        ))

    def setting(self, key: str) -> str | None:
        row = self.session.get(Setting, key)
        return None if row is None else row.value

    def put_setting(self, key: str, value: str, at: datetime) -> None:
        row = self.session.get(Setting, key) or Setting(key=key)
        row.value = value
        row.updated_at = at
        self.session.add(row)
        self.session.flush()
