"""Indexes the daily service review needs on a table another feature owns.

The review counts follow-ups done in a period (`done_at` in a range); the follow-up
table (migration 0005) has no index on `done_at`, and adding one changes no column.
Declared here, beside the review's own tables, and created by migration 0007.
"""

from sqlalchemy import Index

from pos.db.models.followups import FollowUp

FOLLOW_UP_DONE_AT = Index("ix_follow_up_done_at", FollowUp.__table__.c.done_at)
