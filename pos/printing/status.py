"""What state a printer is in, read from its real-time status bytes (DLE EOT 1, 2 and 4).

DLE EOT is answered at once even while the printer is offline (out of paper, cover
open), unlike GS r, which waits in the buffer behind the print data (PRINTING.md,
"Status replies"). Every reply byte has bit 1 and bit 4 set and bits 0 and 7 clear.
"""

from dataclasses import dataclass
from enum import StrEnum

ONLINE_STATUS = b"\x10\x04\x01"
OFFLINE_CAUSE = b"\x10\x04\x02"
PAPER_STATUS = b"\x10\x04\x04"
_FIXED_MASK, _FIXED_BITS = 0x93, 0x12
_OFFLINE = 0x08
_COVER_OPEN = 0x04
_STOPPED_BY_PAPER_END = 0x20
_PAPER_END = 0x60
_PAPER_NEAR_END = 0x0C


class PrinterState(StrEnum):
    ONLINE = "online"
    PAPER_LOW = "paper low"
    PAPER_OUT = "paper out"
    COVER_OPEN = "cover open"
    OFFLINE = "offline"
    UNREACHABLE = "unreachable"
    NO_STATUS = "no status"
    """The printer cannot say (a file, a CUPS queue, status turned off): assumed fine."""
    NOT_CONFIGURED = "not configured"

    @property
    def can_print(self) -> bool:
        return self in (PrinterState.ONLINE, PrinterState.PAPER_LOW, PrinterState.NO_STATUS)

    @property
    def holds_jobs(self) -> bool:
        """The printer keeps what it receives and prints it once it is back online."""
        return self in (PrinterState.PAPER_OUT, PrinterState.COVER_OPEN, PrinterState.OFFLINE)


@dataclass(frozen=True, slots=True)
class DeviceStatus:
    state: PrinterState
    detail: str = ""
    """What a person should know or do ("load paper", "did not answer within 3 s")."""

    @property
    def can_print(self) -> bool:
        return self.state.can_print


def is_status_byte(value: int) -> bool:
    return value & _FIXED_MASK == _FIXED_BITS


def paper_state(reply: int) -> PrinterState:
    """The DLE EOT 4 reply: out of paper, nearly out, or fine."""
    if reply & _PAPER_END == _PAPER_END:
        return PrinterState.PAPER_OUT
    if reply & _PAPER_NEAR_END == _PAPER_NEAR_END:
        return PrinterState.PAPER_LOW
    return PrinterState.ONLINE


def is_offline(reply: int) -> bool:
    """The DLE EOT 1 reply says the printer is offline."""
    return bool(reply & _OFFLINE)


def offline_state(cause: int) -> PrinterState:
    """The DLE EOT 2 reply: why the printer is offline."""
    if cause & _COVER_OPEN:
        return PrinterState.COVER_OPEN
    if cause & _STOPPED_BY_PAPER_END:
        return PrinterState.PAPER_OUT
    return PrinterState.OFFLINE


ADVICE = {
    PrinterState.ONLINE: "ready",
    PrinterState.PAPER_LOW: "paper is running low; have a new roll ready",
    PrinterState.PAPER_OUT: "out of paper; load a new roll (waiting receipts then print)",
    PrinterState.COVER_OPEN: "the cover is open; close it",
    PrinterState.OFFLINE: "offline; check the printer's lights and buttons",
    PrinterState.NO_STATUS: "cannot report its state",
    PrinterState.NOT_CONFIGURED: "no receipt printer is set up (POS_RECEIPT_PRINTER)",
}
