"""The service review's figures: adding them up, their rates, and "won back"."""

from datetime import date, timedelta

import pytest

from pos.domain.service_review import ByPerson, ServiceFigures, Timing, merged
from pos.domain.won_back import facts_of_visit, won_back

DAY = date(2026, 11, 20)


def weekly(*weeks_before: int) -> list[date]:
    return [DAY - timedelta(weeks=weeks) for weeks in weeks_before]


def test_figures_add_up_field_by_field() -> None:
    alex = ServiceFigures(sales=3, known_customer_sales=1, stars=(0, 0, 1, 0, 1),
                          time_to_apology=Timing(1, 60.0))
    bea = ServiceFigures(sales=1, stars=(1, 0, 0, 0, 0), time_to_apology=Timing(1, 180.0),
                         follow_ups_done=2)
    total = ServiceFigures.total([alex, bea])
    assert total == ServiceFigures(sales=4, known_customer_sales=1, stars=(1, 0, 1, 0, 1),
                                   time_to_apology=Timing(2, 240.0), follow_ups_done=2)
    assert total.time_to_apology.average == timedelta(minutes=2)
    assert total.ratings == 3
    assert total.average_stars == pytest.approx(3.0)
    assert total.known_customer_share_bp == 2500
    assert total.complaints_apologised == 2


def test_merged_adds_each_persons_figures() -> None:
    sales: ByPerson = {1: ServiceFigures(sales=2), 2: ServiceFigures(sales=1)}
    follow_ups: ByPerson = {
        1: ServiceFigures(follow_ups_done=1), None: ServiceFigures(follow_ups_done=4)
    }
    assert merged(sales, follow_ups) == {
        1: ServiceFigures(sales=2, follow_ups_done=1), 2: ServiceFigures(sales=1),
        None: ServiceFigures(follow_ups_done=4),
    }


def test_empty_figures_have_no_rates() -> None:
    empty = ServiceFigures()
    assert (empty.known_customer_share_bp, empty.average_stars, empty.ratings) == (None, None, 0)
    assert Timing().average is None


def test_facts_of_a_visit_use_the_median_gap_between_earlier_visits() -> None:
    facts = facts_of_visit(weekly(10, 9, 7), DAY)
    assert (facts.visit_number, facts.past_visits, facts.days_since_last_visit) == (4, 3, 49)
    assert facts.usual_gap_days == 10.5  # gaps of 7 and 14 days
    assert facts_of_visit([], DAY).days_since_last_visit is None


def test_a_weekly_customer_back_after_eight_weeks_is_won_back() -> None:
    assert won_back([*weekly(10, 9, 8), DAY], DAY, DAY)
    assert not won_back([*weekly(4, 3, 2, 1), DAY], DAY, DAY)  # on their rhythm
    assert not won_back([DAY], DAY, DAY)  # a first visit wins nobody back
    assert not won_back([*weekly(10, 9, 8), DAY], DAY + timedelta(1), DAY + timedelta(1))


def test_several_sales_on_a_day_are_one_visit() -> None:
    # Counted as visits, two sales a day would make the usual gap 0 days and a fortnight
    # away a long absence; as days, the usual gap is a week.
    assert not won_back([*weekly(4, 4, 3, 3, 2, 2), DAY], DAY, DAY)


def test_without_a_rhythm_half_a_year_away_counts() -> None:
    assert won_back([DAY - timedelta(days=200), DAY], DAY, DAY)
    assert not won_back([DAY - timedelta(days=100), DAY], DAY, DAY)
