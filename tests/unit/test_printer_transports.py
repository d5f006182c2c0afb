"""Printer addresses, the status bytes of PRINTING.md, and the file and CUPS transports."""

import os
import stat
from pathlib import Path

import pytest

from pos.domain.errors import UserError
from pos.printing.errors import PrinterSetupError, PrinterUnavailableError
from pos.printing.escpos_lib import printer_module
from pos.printing.status import PrinterState, is_offline, offline_state, paper_state
from pos.printing.transports import CupsPort, EscposPort, FilePort, NoPrinter, open_port
from tests.fake_printer import STATUS_REPLIES, fake_printer


@pytest.mark.parametrize(
    ("mode", "state"),
    [("ok", PrinterState.ONLINE), ("paper-low", PrinterState.PAPER_LOW),
     ("paper-out", PrinterState.PAPER_OUT), ("cover-open", PrinterState.COVER_OPEN)],
)
def test_status_bytes_as_printing_md_measured_them(mode: str, state: PrinterState) -> None:
    online, cause, paper = STATUS_REPLIES[mode]
    seen = paper_state(paper)
    if seen is not PrinterState.PAPER_OUT and is_offline(online):
        seen = offline_state(cause)
    assert seen is state
    with fake_printer(mode) as printer:
        assert open_port(printer.url, timeout=1).status().state is state


def test_drawer_open_is_still_online() -> None:
    assert not is_offline(0x16)  # DLE EOT 1 while the drawer is open


@pytest.mark.parametrize(
    ("address", "kind", "description"),
    [
        ("tcp://192.168.1.50:9100", EscposPort, "the printer at 192.168.1.50:9100"),
        ("TCP://printer.local", EscposPort, "the printer at printer.local:9100"),
        ("cups://Receipts", CupsPort, "the CUPS queue Receipts"),
        ("file:///dev/usb/lp0", FilePort, "the printer file /dev/usb/lp0"),
        ("none", NoPrinter, "no printer"),
        ("", NoPrinter, "no printer"),
    ],
)
def test_printer_addresses(address: str, kind: type, description: str) -> None:
    port = open_port(address)
    assert isinstance(port, kind)
    assert port.description == description


def test_status_can_be_switched_off_for_printers_that_never_answer() -> None:
    port = open_port("tcp://10.0.0.9:9100?status=off")
    assert isinstance(port, EscposPort)
    assert not port.read_status


@pytest.mark.parametrize("address", ["lpt1", "tcp://", "tcp://host:port", "usb://04b8",
                                     "usb://zz:01", "serial://", "serial:///dev/x?baudrate=x",
                                     "ftp://x", "cups://", "file://"])
def test_bad_addresses_say_what_an_address_looks_like(address: str) -> None:
    with pytest.raises(UserError, match="is not a printer address; use tcp://HOST:PORT"):
        open_port(address)


@pytest.mark.parametrize(
    ("address", "driver", "package"),
    [("usb://04b8:0202", "Usb", "pyusb"),
     ("serial:///dev/ttyUSB0?baudrate=19200", "Serial", "pyserial")],
)
def test_usb_and_serial_need_their_driver_packages(address: str, driver: str,
                                                    package: str) -> None:
    if getattr(printer_module(), driver).is_usable():
        assert isinstance(open_port(address), EscposPort)
        return
    with pytest.raises(PrinterSetupError, match=f"pip install {package}"):
        open_port(address)


def test_no_printer_sends_nothing() -> None:
    port = NoPrinter()
    assert port.status().state is PrinterState.NOT_CONFIGURED
    with pytest.raises(PrinterSetupError, match="no receipt printer is set up"):
        port.send(b"x")


def test_a_file_printer_appends_each_job(tmp_path: Path) -> None:
    port = open_port(f"file://{tmp_path}/spool.bin")
    assert port.status().state is PrinterState.NO_STATUS
    port.send(b"one\n")
    assert port.send(b"two\n").state is PrinterState.NO_STATUS
    assert (tmp_path / "spool.bin").read_bytes() == b"one\ntwo\n"
    missing = open_port(f"file://{tmp_path}/gone/spool.bin")
    assert missing.status().state is PrinterState.UNREACHABLE
    with pytest.raises(PrinterUnavailableError, match="cannot write to"):
        missing.send(b"x")


def _command(directory: Path, name: str, script: str) -> None:
    path = directory / name
    path.write_text(f"#!/bin/sh\n{script}\n")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)


def test_a_cups_queue_through_lp_and_lpstat(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    spool = tmp_path / "job.bin"
    _command(bin_dir, "lp", f'[ "$2" = Receipts ] && [ "$4" = raw ] && cat > {spool}')
    _command(bin_dir, "lpstat",
             '[ "$2" = Receipts ] && echo "printer Receipts is idle." || '
             '{ echo "lpstat: Invalid destination name" >&2; exit 1; }')
    monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    port = open_port("cups://Receipts")
    assert port.status().state is PrinterState.NO_STATUS
    port.send(b"\x1b@receipt")
    assert spool.read_bytes() == b"\x1b@receipt"
    other = open_port("cups://Kitchen")
    assert other.status().state is PrinterState.UNREACHABLE
    with pytest.raises(PrinterUnavailableError, match="CUPS refused the job for Kitchen"):
        other.send(b"x")


def test_cups_without_the_lp_command(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    port = open_port("cups://Receipts")
    assert "cups-client" in port.status().detail
    with pytest.raises(PrinterSetupError, match="needs the `lp` command"):
        port.send(b"x")
