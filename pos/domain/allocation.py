"""Splitting an amount into whole minor units in proportion to weights, losing nothing."""

from collections.abc import Sequence


def allocate(amount: int, weights: Sequence[int]) -> tuple[int, ...]:
    """Shares of `amount` proportional to `weights` that add up to exactly `amount`.

    Largest-remainder method: every share starts as its rounded-down exact share,
    then the units left over go one each to the largest remainders (ties to the
    earlier weight). With `amount <= sum(weights)` no share exceeds its weight, so
    a discount spread over lines never makes a line negative.
    """
    if amount < 0 or any(weight < 0 for weight in weights):
        raise ValueError("only amounts and weights of zero or more can be allocated")
    total_weight = sum(weights)
    if total_weight == 0:
        if amount:
            raise ValueError(f"cannot allocate {amount} over weights that are all zero")
        return tuple(0 for _ in weights)
    floors_and_remainders = [divmod(amount * weight, total_weight) for weight in weights]
    shares = [floor for floor, _ in floors_and_remainders]
    left_over = amount - sum(shares)
    by_remainder = sorted(
        range(len(weights)), key=lambda index: (-floors_and_remainders[index][1], index)
    )
    for index in by_remainder[:left_over]:
        shares[index] += 1
    return tuple(shares)
