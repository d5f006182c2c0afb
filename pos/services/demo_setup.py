"""`pos demo`: make sure the data directory holds a demo shop, never touching a real one."""

from pathlib import Path

from pos.config import Settings
from pos.db.database import Database
from pos.db.repositories import ShopRepository
from pos.db.wipe import wipe_database
from pos.domain.clock import Clock, utc_now
from pos.domain.errors import UserError
from pos.services.demo import DEMO_CSV, build_demo_shop
from pos.services.demo_service import add_service_story
from pos.services.opening import open_database


def _shop_state(database: Database) -> str:
    """`empty`, `demo` or the name of the real shop in the database."""
    with database.reader() as uow:
        shop = ShopRepository(uow.session).shop()
    if shop is None:
        return "empty"
    return "demo" if shop.is_demo else shop.name


def prepare_demo(
    settings: Settings, *, reset: bool, csv_path: Path = DEMO_CSV, clock: Clock = utc_now
) -> Database:
    """Open the demo shop, building it if the database is empty (or `reset`)."""
    database = open_database(settings)
    state = _shop_state(database)
    if state not in {"empty", "demo"}:
        database.close()
        raise UserError(
            f"the data directory holds a real shop ({state}); `pos demo` will not touch it. "
            "Set POS_DATA_DIR to another directory for the demo"
        )
    if state == "demo" and not reset:
        return database
    if state == "demo":
        database.close()
        wipe_database(settings.database_url)
        database = open_database(settings)
    build_demo_shop(database, csv_path, clock)
    add_service_story(database, clock)
    return database
