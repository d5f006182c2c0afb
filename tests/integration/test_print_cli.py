"""`pos print-test`: a test page and the printer's state, or one line and exit 3 in seconds."""

import time
from pathlib import Path

import pytest

from pos.app import run
from pos.config import load_settings
from pos.services.opening import open_database
from pos.services.shop_settings import ShopSettingsService
from tests.factories import make_shop
from tests.fake_printer import closed_port, fake_printer, full_backlog

Capture = pytest.CaptureFixture[str]
PROMPT = 5.0
"""Seconds within which a dead printer must be reported (the timeout is 3 s)."""


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("POS_RECEIPT_PRINTER", raising=False)
    monkeypatch.delenv("POS_PRINTER_PROFILE", raising=False)
    return tmp_path / "data"


def one_error_line(capsys: Capture) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert err.startswith("pos: error: ")
    assert "Traceback" not in err
    return err


def test_prints_a_test_page_and_reports_status(capsys: Capture) -> None:
    with fake_printer("paper-low") as printer:
        assert run(["print-test", "--printer", printer.url]) == 0
        (page,) = printer.wait_for("printed", 1)
    out = capsys.readouterr().out
    assert f"the printer at 127.0.0.1:{printer.port}: paper low; test page sent" in out
    assert "now: paper low (paper is running low; have a new roll ready)" in out
    assert b"TEST PAGE" in page
    assert page.endswith(b"\x1dV\x01")


def test_the_printer_comes_from_the_environment(
    capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    with fake_printer() as printer:
        monkeypatch.setenv("POS_RECEIPT_PRINTER", printer.url)
        monkeypatch.setenv("POS_PRINTER_PROFILE", "POS-5890")
        assert run(["print-test"]) == 0
        (page,) = printer.wait_for("printed", 1)
    assert "online; test page sent" in capsys.readouterr().out
    assert b"32 columns" in page


@pytest.mark.parametrize("fault", ["not listening", "connection never answered", "stalled"])
def test_a_dead_printer_is_exit_3_within_seconds(capsys: Capture, fault: str) -> None:
    started = time.monotonic()
    if fault == "not listening":
        code = run(["print-test", "--printer", f"tcp://127.0.0.1:{closed_port()}"])
    elif fault == "connection never answered":
        with full_backlog() as port:
            code = run(["print-test", "--printer", f"tcp://127.0.0.1:{port}"])
    else:
        with fake_printer("stall") as printer:
            code = run(["print-test", "--printer", printer.url])
    assert code == 3
    assert time.monotonic() - started < PROMPT
    err = one_error_line(capsys)
    assert "no test page printed: the printer at 127.0.0.1:" in err
    assert ("refused the connection" in err) or ("did not answer within 3 s" in err)


def test_a_printer_out_of_paper_gets_no_page(capsys: Capture) -> None:
    with fake_printer("paper-out") as printer:
        assert run(["print-test", "--printer", printer.url]) == 3
        assert printer.held == []
        assert printer.printed == []
    assert "is paper out: out of paper; load a new roll" in one_error_line(capsys)


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["print-test", "--printer", "lpt1"], 1, "is not a printer address"),
        (["print-test"], 1, "no printer given"),
        (["print-test", "--printer", "usb://04b8:0202"], 3, "USB printer"),
    ],
)
def test_setup_mistakes_are_one_line(capsys: Capture, argv: list[str], code: int,
                                     message: str) -> None:
    assert run(argv) == code
    assert message in one_error_line(capsys)


def test_an_unknown_profile_is_reported_before_the_printer_is_asked(
    capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("POS_PRINTER_PROFILE", "TM-T88X")
    with fake_printer() as printer:
        assert run(["print-test", "--printer", printer.url]) == 3
        assert printer.connections == 0
    assert "unknown printer profile 'TM-T88X'" in one_error_line(capsys)


def test_without_the_environment_the_printer_chosen_in_settings_is_used(
    capsys: Capture, data_dir: Path
) -> None:
    settings = load_settings()
    database = open_database(settings)
    make_shop(database)
    try:
        with fake_printer() as printer:
            ShopSettingsService(database, settings).save_printer(printer.url, "POS-5890",
                                                                 actor="Olivia")
            assert run(["print-test"]) == 0
            (page,) = printer.wait_for("printed", 1)
    finally:
        database.close()
    assert "online; test page sent" in capsys.readouterr().out
    assert b"32 columns" in page
