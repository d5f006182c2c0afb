"""Checking a value a person picked against the fixed choices of a field."""

from typing import TypeVar

from pos.domain.errors import UserError

Choice = TypeVar("Choice", bound=str)


def one_of(value: str, choices: tuple[Choice, ...], what: str) -> Choice:
    """`value` as one of `choices` (matched as written), or an error listing them."""
    for choice in choices:
        if value == choice:
            return choice
    raise UserError(f"{value!r} is not a {what}; choose one of: {', '.join(choices)}")
