"""The digest outbox: each day's digest written once, then retried until it is sent.

Never commits: the digest service does, once per attempt, so an attempt's outcome is
kept even if the next one crashes.
"""

from datetime import date, datetime

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from pos.db.models import FollowUpDigest


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

    def claim(self, digest_id: int, now: datetime, stale_before: datetime) -> bool:
        """Take the digest to send it now: False when it was sent meanwhile, or another
        till took it after `stale_before` (and is sending it)."""
        result = self.session.execute(
            update(FollowUpDigest)
            .where(FollowUpDigest.id == digest_id, FollowUpDigest.sent_at.is_(None),
                   or_(FollowUpDigest.sending_since.is_(None),
                       FollowUpDigest.sending_since < stale_before))
            .values(sending_since=now)
            .execution_options(synchronize_session=False)
        )
        return bool(getattr(result, "rowcount", 0))
