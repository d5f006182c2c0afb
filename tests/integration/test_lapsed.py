"""Lapsed customers on crafted histories, on SQLite and PostgreSQL: each customer is
judged by their own rhythm (median gap between visits)."""

from datetime import UTC, date, datetime, time, timedelta

import pytest

from pos.domain.cart import Cart
from pos.domain.errors import UserError
from pos.domain.lapsed import LapseThresholds
from pos.domain.tender import Tender
from pos.services.followups import FollowUpService
from pos.services.lapsed import LapsedService
from tests.factories import (
    ManualClock,
    TillFixture,
    add_customer,
    fixed_clock,
    mark_customer_erased,
    sell_at,
)

TODAY = date(2026, 11, 24)


def visits(till: TillFixture, customer_id: int, days: list[date], mugs: int = 1) -> None:
    """A sale of `mugs` mugs (and, on the last visit, a card) on each day, at 11:00 UTC."""
    for number, day in enumerate(days, 1):
        clock = ManualClock(datetime.combine(day, time(11), tzinfo=UTC))
        lines = (till.mugs(mugs), till.card()) if number == len(days) else (till.mugs(mugs),)
        sell_at(till.database, clock, till.cashier_id, Cart(lines), Tender("cash", 100_00),
                customer_id=customer_id)


def every(step_days: int, last: date, count: int) -> list[date]:
    return [last - timedelta(days=step_days * n) for n in reversed(range(count))]


@pytest.fixture
def history(till: TillFixture) -> dict[str, int]:
    """Who came when: a weekly regular gone 4 weeks (with two sales on one day), a
    twice-yearly customer gone 4 months, a weekly regular still coming, someone seen
    twice long ago, a big spender gone 6 weeks, and an erased weekly regular."""
    people = {name: add_customer(till.database, name) for name in (
        "Wendy Weekly", "Hal Twice-a-year", "Rita Regular", "Tom Twice", "Bea Big", "Erin Erased")}
    weekly_gone = every(7, TODAY - timedelta(weeks=4), 8)
    visits(till, people["Wendy Weekly"], [weekly_gone[3], *weekly_gone])
    visits(till, people["Hal Twice-a-year"], every(182, date(2026, 7, 24), 4))
    visits(till, people["Rita Regular"], every(7, TODAY - timedelta(days=5), 8))
    visits(till, people["Tom Twice"], [date(2025, 1, 6), date(2025, 1, 13)])
    visits(till, people["Bea Big"], every(7, TODAY - timedelta(weeks=6), 5), mugs=4)
    visits(till, people["Erin Erased"], every(7, TODAY - timedelta(weeks=5), 5))
    mark_customer_erased(till.database, people["Erin Erased"])
    return people


def test_weekly_regular_gone_four_weeks_is_lapsed_twice_yearly_gone_four_months_is_not(
    till: TillFixture, history: dict[str, int]
) -> None:
    lapsed = LapsedService(till.database, fixed_clock).lapsed(TODAY, limit=10)

    assert [c.name for c in lapsed] == ["Bea Big", "Wendy Weekly"]  # most valuable first
    bea, wendy = lapsed
    assert (wendy.visits, wendy.usual_gap_days, wendy.days_away) == (8, 7.0, 28)
    assert wendy.last_visit_on == date(2026, 10, 27)
    assert wendy.last_products == ("Cat Mug", "Birthday Card")
    assert wendy.lifetime_value_minor == 9 * 4_50 + 2_50
    assert (bea.visits, bea.days_away, bea.lifetime_value_minor) == (5, 42, 5 * 18_00 + 2_50)
    assert wendy.last_reason == ""


def test_thresholds_are_configurable_and_the_limit_applies(
    till: TillFixture, history: dict[str, int]
) -> None:
    patient = LapsedService(till.database, fixed_clock, LapseThresholds(factor=5))
    assert [c.name for c in patient.lapsed(TODAY)] == ["Bea Big"]
    strict = LapsedService(till.database, fixed_clock, LapseThresholds(min_visits=6))
    assert [c.name for c in strict.lapsed(TODAY)] == ["Wendy Weekly"]
    assert len(LapsedService(till.database, fixed_clock).lapsed(TODAY, limit=1)) == 1
    with pytest.raises(UserError, match="between 1 and 1000"):
        patient.lapsed(TODAY, limit=0)


def test_win_back_call_and_the_reason_they_give(
    till: TillFixture, history: dict[str, int]
) -> None:
    service = LapsedService(till.database, fixed_clock)
    wendy = history["Wendy Weekly"]

    call = service.schedule_win_back_call(wendy, till.cashier_id, till.cashier_id)

    assert (call.due_on, call.kind, call.source, call.customer_name) == (
        date(2026, 11, 25), "call", "win_back", "Wendy Weekly")
    assert FollowUpService(till.database, fixed_clock).queue(date(2026, 11, 25)) == (call,)
    service.record_lapse_reason(wendy, "Moved to Leeds", till.cashier_id)
    service.record_lapse_reason(history["Bea Big"], "Prices")
    service.record_lapse_reason(wendy, "Prices")
    assert service.reason_counts() == (("Prices", 2), ("Moved to Leeds", 1))
    reasons = {c.name: c.last_reason for c in service.lapsed(TODAY)}
    assert reasons == {"Bea Big": "Prices", "Wendy Weekly": "Prices"}


def test_bad_win_back_input(till: TillFixture, history: dict[str, int]) -> None:
    service = LapsedService(till.database, fixed_clock)
    with pytest.raises(UserError, match="give a reason"):
        service.record_lapse_reason(history["Wendy Weekly"], "  ")
    with pytest.raises(UserError, match="erased"):
        service.record_lapse_reason(history["Erin Erased"], "Moved")
    with pytest.raises(UserError, match="erased"):
        service.schedule_win_back_call(history["Erin Erased"], None, None)
    with pytest.raises(UserError, match="in the past"):
        service.schedule_win_back_call(history["Wendy Weekly"], None, None, date(2026, 1, 1))


def test_the_win_back_screen_gets_the_list_the_reasons_and_the_shops_money(
    till: TillFixture, history: dict[str, int]
) -> None:
    service = LapsedService(till.database, fixed_clock)
    service.record_lapse_reason(history["Wendy Weekly"], "Moved to Leeds")

    screen = service.win_back_list()

    assert screen.today == TODAY
    assert screen.customers == service.lapsed(TODAY)
    assert screen.reasons == (("Moved to Leeds", 1),)
    assert screen.money(123_456_78) == "£123,456.78"
