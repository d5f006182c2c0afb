from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos.domain.allocation import allocate


@pytest.mark.parametrize(
    ("amount", "weights", "shares"),
    [
        (100, [1, 1, 1], (34, 33, 33)),
        (10, [3000, 1000], (8, 2)),  # 7.5 and 2.5: tie goes to the earlier weight
        (5, [0, 10, 0], (0, 5, 0)),
        (0, [0, 0], (0, 0)),
        (0, [], ()),
        (3, [1, 1, 1, 1], (1, 1, 1, 0)),
    ],
)
def test_allocate_examples(amount: int, weights: list[int], shares: tuple[int, ...]) -> None:
    assert allocate(amount, weights) == shares


def test_allocate_refuses_what_it_cannot_split() -> None:
    with pytest.raises(ValueError, match="weights that are all zero"):
        allocate(1, [0, 0])
    with pytest.raises(ValueError, match="zero or more"):
        allocate(-1, [1])
    with pytest.raises(ValueError, match="zero or more"):
        allocate(1, [2, -1])


@given(
    st.lists(st.integers(min_value=0, max_value=10**9), min_size=1, max_size=30).filter(any),
    st.data(),
)
def test_allocate_is_exact_proportional_and_bounded(
    weights: list[int], data: st.DataObject
) -> None:
    amount = data.draw(st.integers(min_value=0, max_value=sum(weights)))
    shares = allocate(amount, weights)
    assert sum(shares) == amount
    for share, weight in zip(shares, weights, strict=True):
        assert 0 <= share <= weight
        assert abs(share - Fraction(amount * weight, sum(weights))) < 1
