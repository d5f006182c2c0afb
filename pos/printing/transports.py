"""Getting a rendered job to the printer named by `POS_RECEIPT_PRINTER`, and asking its state.

Addresses: `tcp://HOST[:PORT]` (port 9100 by default), `usb://VID:PID` (hex),
`serial:///dev/ttyUSB0?baudrate=19200`, `cups://QUEUE`, `file:///path`, `none`.
Add `?status=off` to a tcp, usb or serial address whose printer does not answer
status queries.

Every operation opens its own connection with a short timeout and closes it: after
any error python-escpos's printer object is unusable until reopened (PRINTING.md
items 1, 2 and 10), and a fresh connection never reads a stale status reply (item 6).
`send` asks the printer's status on the same connection right after the job: only an
answer proves that the whole job arrived (item 8: a connection dropped mid-job is
otherwise silent).
"""

import shutil
import socket
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar
from urllib.parse import parse_qs, unquote, urlsplit

from pos.domain.errors import EnvironmentProblemError, UserError
from pos.printing.errors import PrinterSetupError, PrinterUnavailableError
from pos.printing.escpos_lib import exceptions_module, printer_module
from pos.printing.status import (
    ADVICE,
    OFFLINE_CAUSE,
    ONLINE_STATUS,
    PAPER_STATUS,
    DeviceStatus,
    PrinterState,
    is_offline,
    is_status_byte,
    offline_state,
    paper_state,
)

DEFAULT_TIMEOUT = 3.0
"""Seconds any one connect, send or status reply may take (python-escpos's default is 60)."""
DEFAULT_TCP_PORT = 9100
DEFAULT_BAUDRATE = 9600
ADDRESS_FORMS = (
    "tcp://HOST:PORT, usb://VID:PID, serial:///dev/ttyUSB0?baudrate=19200, cups://QUEUE, "
    "file:///path or none"
)
NO_PRINTER = "no receipt printer is set up; set POS_RECEIPT_PRINTER (e.g. tcp://192.168.1.50:9100)"
T = TypeVar("T")


class PrinterPort(Protocol):
    """A printer the till can send jobs to and ask about."""

    @property
    def description(self) -> str: ...

    def status(self) -> DeviceStatus:
        """The printer's state now; faults come back as UNREACHABLE, never raised."""
        ...

    def send(self, payload: bytes) -> DeviceStatus:
        """Send one whole job; its state right after. Raises `PrinterUnavailableError`
        when the job did not (or may not wholly) reach the printer."""
        ...


def open_port(url: str, *, timeout: float = DEFAULT_TIMEOUT) -> PrinterPort:
    """The port for a printer address, or `UserError` saying what an address looks like."""
    text = url.strip()
    if text.lower() in ("", "none"):
        return NoPrinter()
    parts = urlsplit(text)
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    read_status = query.get("status", "on").lower() not in ("off", "no", "0")
    try:
        scheme = parts.scheme.lower()
        if scheme == "tcp" and parts.hostname:
            return _network(parts.hostname, parts.port or DEFAULT_TCP_PORT, timeout, read_status)
        if scheme == "usb":
            vendor, product = (int(part, 16) for part in parts.netloc.split(":"))
            return _usb(vendor, product, timeout, read_status)
        if scheme == "serial" and parts.path:
            baudrate = int(query.get("baudrate", DEFAULT_BAUDRATE))
            return _serial(parts.path, baudrate, timeout, read_status)
        if scheme == "cups" and (parts.netloc or parts.path.strip("/")):
            return CupsPort(unquote(parts.netloc or parts.path.strip("/")), timeout)
        if scheme == "file" and parts.path:
            return FilePort(Path(unquote(parts.path)))
    except ValueError:
        pass
    raise UserError(f"{text!r} is not a printer address; use {ADDRESS_FORMS}")


@dataclass(frozen=True)
class NoPrinter:
    description: str = "no printer"

    def status(self) -> DeviceStatus:
        return DeviceStatus(PrinterState.NOT_CONFIGURED, ADVICE[PrinterState.NOT_CONFIGURED])

    def send(self, payload: bytes) -> DeviceStatus:
        raise PrinterSetupError(NO_PRINTER)


@dataclass(frozen=True)
class EscposPort:
    """A printer driven through a python-escpos printer class (network, USB, serial)."""

    description: str
    make_printer: Callable[[], Any]
    """Makes a connected python-escpos printer object (raises if it cannot connect)."""
    timeout: float
    read_status: bool = True

    def status(self) -> DeviceStatus:
        try:
            with self._connection() as printer:
                return self._read_status(printer)
        except PrinterUnavailableError as error:
            return DeviceStatus(PrinterState.UNREACHABLE, error.message)

    def send(self, payload: bytes) -> DeviceStatus:
        with self._connection() as printer:
            # `_raw` is python-escpos's one way to send bytes as they are.
            self._guard("sending the job", lambda: printer._raw(payload))
            return self._read_status(printer)

    @contextmanager
    def _connection(self) -> Iterator[Any]:
        printer = self._guard("connecting", self.make_printer)
        try:
            yield printer
        finally:
            with suppress(*_faults()):
                printer.close()

    def _read_status(self, printer: Any) -> DeviceStatus:
        if not self.read_status:
            return DeviceStatus(PrinterState.NO_STATUS, "status queries are off for this printer")
        online = self._query(printer, ONLINE_STATUS)
        state = paper_state(self._query(printer, PAPER_STATUS))
        if state is not PrinterState.PAPER_OUT and is_offline(online):
            state = offline_state(self._query(printer, OFFLINE_CAUSE))
        return DeviceStatus(state, ADVICE[state])

    def _query(self, printer: Any, command: bytes) -> int:
        reply: bytes = self._guard("asking its status", lambda: printer.query_status(command))
        if not reply:
            raise PrinterUnavailableError(
                f"{self.description} closed the connection without answering a status query"
            )
        if not is_status_byte(reply[0]):
            raise PrinterUnavailableError(
                f"{self.description} answered 0x{reply[0]:02x} to a status query; if it "
                "cannot report its status, add ?status=off to its address"
            )
        return reply[0]

    def _guard(self, doing: str, action: Callable[[], T]) -> T:
        try:
            return action()
        except _faults() as error:
            raise PrinterUnavailableError(self._describe(error, doing)) from error

    def _describe(self, error: BaseException, doing: str) -> str:
        # python-escpos wraps socket errors in DeviceNotFoundError without `from`
        cause = error if isinstance(error, OSError) else (error.__context__ or error)
        name = self.description
        if isinstance(cause, ConnectionRefusedError):
            return f"{name} refused the connection; check that it is on and its address is right"
        if isinstance(cause, TimeoutError):
            return f"{name} did not answer within {self.timeout:g} s while {doing}"
        if isinstance(cause, ConnectionError):
            return f"{name} dropped the connection while {doing}"
        if isinstance(cause, OSError):
            return f"{name} cannot be reached while {doing} ({cause.strerror or cause})"
        return f"{name} lost the connection while {doing} ({str(error) or type(error).__name__})"


def _faults() -> tuple[type[BaseException], ...]:
    """What python-escpos raises when a device fails (PRINTING.md, "What to require")."""
    return (OSError, AssertionError, exceptions_module().Error)


def _network(host: str, port: int, timeout: float, read_status: bool) -> EscposPort:
    network = printer_module().Network

    def make() -> Any:
        # Connected here rather than by Network.open(), which leaks its socket when the
        # connection fails; create_connection closes it.
        connection = socket.create_connection((host, port), timeout=timeout)
        printer = network(host, port, timeout=timeout)
        printer.device = connection
        return printer

    return EscposPort(f"the printer at {host}:{port}", make, timeout, read_status)


def _usb(vendor: int, product: int, timeout: float, read_status: bool) -> EscposPort:
    usb = _usable(printer_module().Usb, "USB", "pyusb")

    def make() -> Any:
        printer = usb(vendor, product, timeout=int(timeout * 1000))
        printer.open()
        return printer

    return EscposPort(f"the USB printer {vendor:04x}:{product:04x}", make, timeout, read_status)


def _serial(device: str, baudrate: int, timeout: float, read_status: bool) -> EscposPort:
    serial = _usable(printer_module().Serial, "serial", "pyserial")

    def make() -> Any:
        printer = serial(device, baudrate=baudrate, timeout=timeout)
        printer.open()
        return printer

    return EscposPort(f"the serial printer on {device}", make, timeout, read_status)


def _usable(printer_class: Any, kind: str, package: str) -> Any:
    if not printer_class.is_usable():
        raise PrinterSetupError(
            f"{kind} printers need the {package} package; install it into the till's "
            f"environment (.venv/bin/pip install {package})"
        )
    return printer_class


@dataclass(frozen=True)
class FilePort:
    """Appends each job to a file (or a device file such as /dev/usb/lp0)."""

    path: Path

    @property
    def description(self) -> str:
        return f"the printer file {self.path}"

    def status(self) -> DeviceStatus:
        if self.path.parent.is_dir():
            return DeviceStatus(PrinterState.NO_STATUS, f"jobs are written to {self.path}")
        return DeviceStatus(PrinterState.UNREACHABLE, f"the folder {self.path.parent} is missing")

    def send(self, payload: bytes) -> DeviceStatus:
        try:
            with self.path.open("ab") as device:
                device.write(payload)
        except OSError as error:
            raise PrinterUnavailableError(
                f"cannot write to {self.path} ({error.strerror or error})"
            ) from error
        return DeviceStatus(PrinterState.NO_STATUS, f"written to {self.path}")


@dataclass(frozen=True)
class CupsPort:
    """A CUPS raw queue, through the `lp` and `lpstat` commands (no C library needed)."""

    queue: str
    timeout: float

    @property
    def description(self) -> str:
        return f"the CUPS queue {self.queue}"

    def status(self) -> DeviceStatus:
        try:
            result = self._run(["lpstat", "-p", self.queue], b"")
        except EnvironmentProblemError as error:
            return DeviceStatus(PrinterState.UNREACHABLE, error.message)
        text = result.stdout.decode(errors="replace").lower()
        if result.returncode != 0:
            return DeviceStatus(PrinterState.UNREACHABLE, f"CUPS has no queue {self.queue}")
        if "disabled" in text:
            return DeviceStatus(PrinterState.OFFLINE, f"CUPS queue {self.queue} is disabled")
        return DeviceStatus(PrinterState.NO_STATUS, f"CUPS queue {self.queue} is accepting jobs")

    def send(self, payload: bytes) -> DeviceStatus:
        result = self._run(["lp", "-d", self.queue, "-o", "raw", "-t", "receipt"], payload)
        if result.returncode != 0:
            reason = result.stderr.decode(errors="replace").strip() or "lp failed"
            raise PrinterUnavailableError(f"CUPS refused the job for {self.queue}: {reason}")
        return DeviceStatus(PrinterState.NO_STATUS, f"queued in CUPS ({self.queue})")

    def _run(self, command: list[str], payload: bytes) -> subprocess.CompletedProcess[bytes]:
        program = shutil.which(command[0])
        if program is None:
            raise PrinterSetupError(
                f"printing to CUPS needs the `{command[0]}` command (Debian package cups-client)"
            )
        try:
            return subprocess.run(
                [program, *command[1:]], input=payload, capture_output=True,
                timeout=self.timeout, check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise PrinterUnavailableError(
                f"CUPS did not answer within {self.timeout:g} s"
            ) from error
