"""The shop's local day: promises fall due, and reviews run, on the shop's calendar."""

from datetime import date, datetime

from pos.db.database import Database
from pos.services.shop_facts import load_shop_facts


def shop_today(database: Database, now: datetime) -> date:
    """The day it is in the shop at the aware instant `now`."""
    return now.astimezone(load_shop_facts(database).zone).date()
