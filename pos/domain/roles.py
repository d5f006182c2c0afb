"""What each role may do at the till."""

DISCOUNT_LIMIT_BP = {"cashier": 2_000, "manager": 5_000, "owner": 10_000}
"""The biggest discount each role may give, in basis points (cashier 20 %)."""


def discount_limit_bp(role: str) -> int:
    return DISCOUNT_LIMIT_BP.get(role, 0)
