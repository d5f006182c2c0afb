"""The lapsed rule: gone more than three times their own median gap, with three visits."""

import pytest

from pos.domain.errors import UserError
from pos.domain.lapsed import LapseThresholds, is_lapsed
from pos.domain.occasions import VisitFacts, is_away_long

DEFAULT = LapseThresholds()


def test_a_weekly_regular_gone_four_weeks_has_lapsed() -> None:
    assert is_lapsed(visits=8, usual_gap_days=7, days_away=28, thresholds=DEFAULT)
    assert not is_lapsed(visits=8, usual_gap_days=7, days_away=21, thresholds=DEFAULT)


def test_a_twice_yearly_customer_gone_four_months_has_not() -> None:
    assert not is_lapsed(visits=4, usual_gap_days=182, days_away=120, thresholds=DEFAULT)


def test_two_visits_are_no_rhythm_and_thresholds_are_configurable() -> None:
    assert not is_lapsed(visits=2, usual_gap_days=7, days_away=300, thresholds=DEFAULT)
    patient = LapseThresholds(factor=5, min_visits=5)
    assert not is_lapsed(visits=8, usual_gap_days=7, days_away=28, thresholds=patient)
    assert is_lapsed(visits=8, usual_gap_days=7, days_away=36, thresholds=patient)


def test_the_greeting_uses_the_same_rule() -> None:
    facts = VisitFacts(visit_number=9, days_since_last_visit=28, usual_gap_days=7.0,
                       past_visits=8, days_to_birthday=None)
    assert is_away_long(facts) == is_lapsed(8, 7, 28, DEFAULT)


def test_bad_thresholds_are_refused() -> None:
    with pytest.raises(UserError, match="more than 1"):
        LapseThresholds(factor=1)
    with pytest.raises(UserError, match="at least 3 visits"):
        LapseThresholds(min_visits=2)

