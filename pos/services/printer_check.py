"""`pos print-test`: print a test page straight to a printer and say what state it is in.

No database and no queue: this is for setting a printer up. The printer is asked
first; a printer that is unreachable, out of paper or offline gets no page (it would
hold it, or it would never arrive), and the fault is an `EnvironmentProblemError`
(exit code 3). Every step is bounded by the printer timeout, so the answer comes
within seconds, never minutes.
"""

from dataclasses import dataclass

from pos.domain.clock import Clock, utc_now
from pos.domain.errors import EnvironmentProblemError, UserError
from pos.printing.errors import PrinterUnavailableError
from pos.printing.escpos_render import RenderOptions, render_test_page
from pos.printing.status import DeviceStatus, PrinterState
from pos.printing.transports import DEFAULT_TIMEOUT, open_port


@dataclass(frozen=True, slots=True)
class PrinterCheck:
    printer: str
    before: DeviceStatus
    after: DeviceStatus
    """The printer's answer right after the test page."""
    bytes_sent: int


def print_test_page(
    address: str, profile: str, *, timeout: float = DEFAULT_TIMEOUT, clock: Clock = utc_now
) -> PrinterCheck:
    options = RenderOptions(profile=profile)
    options.printer_profile()  # an unknown profile is reported before the printer is asked
    port = open_port(address, timeout=timeout)
    before = port.status()
    if before.state is PrinterState.NOT_CONFIGURED:
        raise UserError("no printer given; pass --printer URL or set POS_RECEIPT_PRINTER")
    if before.state is PrinterState.UNREACHABLE:
        raise PrinterUnavailableError(f"no test page printed: {before.detail}")
    if not before.can_print:
        raise EnvironmentProblemError(
            f"{port.description} is {before.state}: {before.detail}; no test page sent"
        )
    payload = render_test_page(
        options,
        printer=port.description,
        printed_at=clock().isoformat(timespec="seconds"),
    )
    after = port.send(payload)
    return PrinterCheck(port.description, before, after, len(payload))
