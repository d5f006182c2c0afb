"""The audit log: append a line, read the lines about a subject. Never commits."""

import json
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.db.models import AuditEntry


def subject_of(kind: str, subject_id: int) -> str:
    """How the log names what an action was done to: `customer:42`."""
    return f"{kind}:{subject_id}"


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def append(
        self,
        *,
        at: datetime,
        actor: str,
        action: str,
        subject: str,
        details: Mapping[str, object],
    ) -> int:
        """Add one entry; `details` must be JSON-serialisable (ids and counts, no names)."""
        entry = AuditEntry(
            at=at, actor=actor[:80], action=action, subject=subject,
            details=json.dumps(details, sort_keys=True, separators=(",", ":")),
        )
        self.session.add(entry)
        self.session.flush()
        return entry.id

    def about(self, subject: str) -> list[AuditEntry]:
        """Every entry about `subject`, oldest first."""
        return list(
            self.session.scalars(
                select(AuditEntry).where(AuditEntry.subject == subject).order_by(AuditEntry.id)
            )
        )
