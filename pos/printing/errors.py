"""Printer faults, as errors a cashier or the owner can act on (exit code 3 in the CLI)."""

from pos.domain.errors import EnvironmentProblemError


class PrinterSetupError(EnvironmentProblemError):
    """The printer is set up wrongly: unknown profile, missing driver, no printer at all."""


class PrinterUnavailableError(EnvironmentProblemError):
    """The printer could not be reached, or the job may not have reached it whole."""
