"""Errors a person can act on.

Every error carries a message that says what is wrong and how to fix it. The CLI
prints it on one line and exits with `exit_code`; the UI shows it in place.
"""


class PosError(Exception):
    """Base of every error the till reports to a person."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UserError(PosError):
    """Bad input: the person can fix it by giving other input (exit code 1)."""

    exit_code = 1


class EnvironmentProblemError(PosError):
    """The machine around the till is wrong: database, data directory, printer (exit code 3)."""

    exit_code = 3


class NotFoundError(UserError):
    """Something named by the user does not exist."""
