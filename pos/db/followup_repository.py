"""Follow-up rows beyond adding one (pos.db.followups): who they are for, locking one to
record its outcome, and finding those a rule or a quotation already made.

Never commits: the calling service does.
"""

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from pos.db.models import Customer, FollowUp, Sale, User


class FollowUpRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def customer(self, customer_id: int) -> Customer | None:
        return self.session.get(Customer, customer_id)

    def owners(self) -> list[tuple[int, str]]:
        """(id, name) of every active user, by name: who can own a follow-up."""
        rows = self.session.execute(
            select(User.id, User.name).where(User.active.is_(True)).order_by(User.name)
        )
        return [(user_id, name) for user_id, name in rows]

    def user_exists(self, user_id: int) -> bool:
        return self.session.get(User, user_id) is not None

    def sale_exists(self, sale_id: int) -> bool:
        return self.session.get(Sale, sale_id) is not None

    def lock(self, follow_up_id: int) -> FollowUp | None:
        """The follow-up, locked until commit (two tills recording outcomes queue)."""
        return self.session.scalars(
            select(FollowUp).where(FollowUp.id == follow_up_id).with_for_update()
        ).one_or_none()

    def made_by_rule(self, rule_id: int, sale_id: int) -> bool:
        """Whether the rule already made a follow-up for this sale (rules apply once)."""
        return bool(self.session.scalar(select(exists().where(
            FollowUp.source == "rule", FollowUp.source_id == rule_id, FollowUp.sale_id == sale_id
        ))))

    def ids_from(self, source: str, source_id: int) -> list[int]:
        """Every follow-up `source` number `source_id` made, whatever its status."""
        return list(self.session.scalars(
            select(FollowUp.id)
            .where(FollowUp.source == source, FollowUp.source_id == source_id)
            .order_by(FollowUp.id)
        ))

    def open_from(self, source: str, source_id: int) -> list[FollowUp]:
        """Open follow-ups that `source` number `source_id` (a quotation, ...) made, locked."""
        return list(self.session.scalars(
            select(FollowUp)
            .where(FollowUp.source == source, FollowUp.source_id == source_id,
                   FollowUp.status == "open")
            .order_by(FollowUp.id)
            .with_for_update()
        ))
