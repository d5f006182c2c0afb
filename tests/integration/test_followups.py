"""Follow-ups on SQLite and PostgreSQL: scheduling after a sale, the queue, outcomes,
each bad input, and the calendar export."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlalchemy import event

from pos.db.database import Database
from pos.db.models import FollowUp
from pos.domain.cart import Cart
from pos.domain.errors import NotFoundError, UserError
from pos.domain.followups import FollowUpItem, Outcome, Preset, WhyLine
from pos.domain.tender import Tender
from pos.services.followups import FollowUpService
from tests.factories import (
    ManualClock,
    TillFixture,
    add_customer,
    fixed_clock,
    mark_customer_erased,
    row_counts,
    set_shop_timezone,
)

TUESDAY = date(2026, 11, 24)
WEDNESDAY = date(2026, 11, 25)


@pytest.fixture
def zoe(till: TillFixture) -> int:
    return add_customer(till.database, "Zoë Brontë")


@pytest.fixture
def followups(till: TillFixture) -> FollowUpService:
    return FollowUpService(till.database, fixed_clock)


def schedule(
    service: FollowUpService, customer_id: int, when: Preset | date = Preset.TOMORROW,
    kind: str = "call", owner_id: int | None = None, sale_id: int | None = None,
) -> FollowUpItem:
    return service.schedule(customer_id, when, kind, "Ask how it went", owner_id, None, sale_id)


def test_follow_up_after_a_sale_waits_for_tomorrow_and_reached_closes_it(
    till: TillFixture, zoe: int, followups: FollowUpService
) -> None:
    sale = till.sell(Cart((till.mugs(2), till.card())), Tender("cash", 20_00), customer_id=zoe)

    item = followups.schedule(zoe, Preset.TOMORROW, "call", "Does the mug suit?",
                              till.cashier_id, till.cashier_id, sale.id)

    assert (item.due_on, item.status, item.source) == (WEDNESDAY, "open", "manual")
    assert followups.queue(TUESDAY) == ()
    (queued,) = followups.queue(WEDNESDAY)
    assert queued == item
    assert (queued.customer_name, queued.owner_name, queued.sale_id) == ("Zoë Brontë", "Alex",
                                                                         sale.id)
    assert queued.why == f"Receipt {sale.receipt_number}"
    assert queued.why_lines == (WhyLine("Cat Mug", 2, 9_00), WhyLine("Birthday Card", 1, 2_50))

    done = followups.record_outcome(item.id, Outcome.REACHED, "Loves it")

    assert (done.status, done.outcome) == ("done", "reached")
    assert done.due_on == WEDNESDAY
    assert followups.queue(WEDNESDAY, include_future=True) == ()


def test_presets_count_in_the_shop_s_days(till: TillFixture, zoe: int) -> None:
    late_evening = ManualClock(datetime(2026, 6, 30, 23, 30, tzinfo=UTC))  # 00:30 in London
    london = FollowUpService(till.database, late_evening)
    assert london.today() == date(2026, 7, 1)
    assert schedule(london, zoe).due_on == date(2026, 7, 2)
    set_shop_timezone(till.database, "UTC")
    assert schedule(london, zoe).due_on == date(2026, 7, 1)
    friday = FollowUpService(till.database, ManualClock(datetime(2026, 11, 27, 12, tzinfo=UTC)))
    assert schedule(friday, zoe, Preset.NEXT_WORKING_DAY).due_on == date(2026, 11, 30)


def test_queue_is_overdue_first_then_today_filtered_by_owner_and_kind(
    till: TillFixture, zoe: int
) -> None:
    clock = ManualClock()
    service = FollowUpService(till.database, clock)
    wednesday = schedule(service, zoe, owner_id=till.cashier_id)
    tuesday = schedule(service, zoe, TUESDAY, kind="email")
    next_week = schedule(service, zoe, Preset.IN_A_WEEK, kind="visit")
    clock.advance(days=2)
    thursday = schedule(service, zoe, date(2026, 11, 26), kind="sms")
    today = date(2026, 11, 26)

    queue = service.queue(today)

    assert [item.id for item in queue] == [tuesday.id, wednesday.id, thursday.id]
    assert [item.is_overdue(today) for item in queue] == [True, True, False]
    assert service.queue(today, owner_id=till.cashier_id) == (wednesday,)
    assert service.queue(today, kind="email") == (tuesday,)
    assert [item.id for item in service.queue(today, include_future=True)] == [
        tuesday.id, wednesday.id, thursday.id, next_week.id]
    assert [item.id for item in service.due(today, "overdue")] == [tuesday.id, wednesday.id]
    assert service.due(today, "today") == (thursday,)


def test_no_answer_moves_it_a_message_left_without_a_new_day_closes_it(
    till: TillFixture, zoe: int, followups: FollowUpService
) -> None:
    item = schedule(followups, zoe, TUESDAY)

    moved = followups.record_outcome(item.id, "no_answer", "Rang twice", Preset.IN_3_DAYS)
    assert (moved.status, moved.outcome, moved.due_on) == ("open", "no_answer",
                                                          date(2026, 11, 27))
    closed = followups.record_outcome(item.id, Outcome.LEFT_MESSAGE)
    assert (closed.status, closed.outcome) == ("done", "left_message")
    with till.database.reader() as uow:
        row = uow.session.get(FollowUp, item.id)
        assert row is not None
        assert row.outcome_note == "2026-11-24 no_answer: Rang twice\n2026-11-24 left_message"
        assert row.done_at == fixed_clock()


def test_outcomes_that_cannot_be_recorded(
    till: TillFixture, zoe: int, followups: FollowUpService
) -> None:
    item = schedule(followups, zoe)
    with pytest.raises(UserError, match="'reached' closes the follow-up"):
        followups.record_outcome(item.id, Outcome.REACHED, "", Preset.TOMORROW)
    with pytest.raises(UserError, match="an outcome is one of reached, no_answer"):
        followups.record_outcome(item.id, "maybe")
    with pytest.raises(UserError, match="in the past"):
        followups.record_outcome(item.id, Outcome.NO_ANSWER, "", date(2026, 11, 1))
    followups.record_outcome(item.id, Outcome.PROBLEM_FOUND, "Handle cracked")
    with pytest.raises(UserError, match="already done"):
        followups.record_outcome(item.id, Outcome.REACHED)
    with pytest.raises(NotFoundError, match="no follow-up 999"):
        followups.record_outcome(999, Outcome.REACHED)


def test_a_date_in_the_past_is_refused_and_nothing_is_written(
    till: TillFixture, zoe: int, followups: FollowUpService
) -> None:
    with pytest.raises(UserError, match=r"2026-11-23 is in the past; choose today"):
        schedule(followups, zoe, date(2026, 11, 23))
    assert row_counts(till.database, FollowUp) == {"follow_up": 0}


def test_an_erased_customer_gets_no_follow_up_and_leaves_the_queue(
    till: TillFixture, zoe: int, followups: FollowUpService
) -> None:
    schedule(followups, zoe, TUESDAY)
    mark_customer_erased(till.database, zoe)

    with pytest.raises(UserError, match="erased"):
        schedule(followups, zoe)
    assert followups.queue(TUESDAY) == ()
    assert row_counts(till.database, FollowUp) == {"follow_up": 1}


def test_unknown_customer_owner_sale_and_kind_are_refused(
    till: TillFixture, zoe: int, followups: FollowUpService
) -> None:
    with pytest.raises(NotFoundError, match="no customer 999"):
        schedule(followups, 999)
    with pytest.raises(NotFoundError, match="no user has the id 999"):
        schedule(followups, zoe, owner_id=999)
    with pytest.raises(NotFoundError, match="no sale 999"):
        schedule(followups, zoe, sale_id=999)
    with pytest.raises(UserError, match="one of call, email, sms, visit"):
        schedule(followups, zoe, kind="telegram")
    with pytest.raises(UserError, match="shorten it to 500"):
        followups.schedule(zoe, Preset.TOMORROW, "call", "x" * 501, None, None)


@contextmanager
def counted_queries(database: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append(statement)

    event.listen(database.engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(database.engine, "before_cursor_execute", count)


def test_the_queue_takes_two_queries_however_long_it_is(
    till: TillFixture, zoe: int, followups: FollowUpService
) -> None:
    for _ in range(6):
        sale = till.sell(Cart((till.mugs(),)), Tender("cash", 5_00), customer_id=zoe)
        schedule(followups, zoe, TUESDAY, sale_id=sale.id)
    with counted_queries(till.database) as statements:
        queue = followups.queue(TUESDAY)
    assert len(queue) == 6
    assert all(item.why_lines == (WhyLine("Cat Mug", 1, 4_50),) for item in queue)
    assert len(statements) == 2


def test_calendar_export_parses_back_with_non_ascii_names(
    till: TillFixture, zoe: int, followups: FollowUpService, tmp_path: Path
) -> None:
    lukasz = add_customer(till.database, "Łukasz Żółć")
    sale = till.sell(Cart((till.mugs(),)), Tender("cash", 5_00), customer_id=zoe)
    first = followups.schedule(zoe, Preset.TOMORROW, "call", "Café crème — ask", None, None,
                               sale.id)
    second = schedule(followups, lukasz, Preset.IN_A_WEEK, kind="visit")
    target = tmp_path / "follow-ups.ics"

    assert followups.export_ics(target, followups.queue(TUESDAY, include_future=True)) == target

    calendar = Calendar.from_ical(target.read_bytes())
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {f"{first.id}@follow-up.pos-till", f"{second.id}@follow-up.pos-till"}
    call = events[f"{first.id}@follow-up.pos-till"]
    assert str(call["summary"]) == "Call Zoë Brontë"
    assert call.decoded("dtstart") == WEDNESDAY
    assert call.decoded("dtend") == date(2026, 11, 26)
    description = str(call["description"])
    assert "Café crème — ask" in description
    assert f"Receipt {sale.receipt_number}" in description
    assert "1 x Cat Mug  4.50" in description
    visit = events[f"{second.id}@follow-up.pos-till"]
    assert str(visit["summary"]) == "Visit Łukasz Żółć"
    assert visit.decoded("dtstart") == date(2026, 12, 1)
    assert str(calendar["x-wr-calname"]) == "Corner Shop follow-ups"


def test_calendar_export_to_a_path_that_cannot_be_written(
    till: TillFixture, followups: FollowUpService, tmp_path: Path
) -> None:
    with pytest.raises(UserError, match=r"cannot write .* choose another file"):
        followups.export_ics(tmp_path / "missing" / "x.ics", ())
