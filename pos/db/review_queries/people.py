"""The names the review shows its people by."""

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos.db.models import User


def staff_names(session: Session, user_ids: Collection[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    rows = session.execute(select(User.id, User.name).where(User.id.in_(list(user_ids))))
    return {user_id: name for user_id, name in rows}
