"""Receipts, drawer kicks and test pages as ESC/POS bytes, read back and compared with
reviewed files in tests/golden (set POS_UPDATE_GOLDEN=1 to rewrite them, then review
the diff before committing)."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from pos.printing.errors import PrinterSetupError
from pos.printing.escpos_decode import annotate, events, preview
from pos.printing.escpos_render import (
    RenderOptions,
    render_drawer_kick,
    render_receipt,
    render_test_page,
)
from pos.printing.profiles import load_profile
from tests.receipt_samples import sample_receipt

GOLDEN = Path(__file__).resolve().parents[1] / "golden"
QR = "https://example.com/feedback?receipt=R1-000042"
LONG_NAME = ("Hand-thrown stoneware teapot with bamboo handle, matching infuser and four "
             "cups in a gift box, glazed in a deep sea-green with cream speckles, "
             "dishwasher safe, made in Stoke") + " AB-CDEFGHIJKLMNOPQRSTUVWXYZ0123456789" * 2


def assert_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if os.environ.get("POS_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
        pytest.fail(f"{path} rewritten; review it and run again without POS_UPDATE_GOLDEN")
    assert text == path.read_text(encoding="utf-8")


def decoded(payload: bytes, profile: str) -> str:
    return annotate(payload, load_profile(profile))


@pytest.mark.parametrize(
    ("profile", "golden"),
    [
        ("POS-5890", "receipt_58mm_pos5890.txt"),
        ("TM-T88V", "receipt_80mm_tmt88v.txt"),
        ("TM-T20II", "receipt_80mm_tmt20ii.txt"),
    ],
)
def test_receipt_matches_its_reviewed_layout(profile: str, golden: str) -> None:
    payload = render_receipt(sample_receipt(qr_payload=QR), RenderOptions(profile=profile))
    assert_golden(golden, decoded(payload, profile))


def test_drawer_kick_is_a_job_of_its_own() -> None:
    kick = render_drawer_kick(RenderOptions())
    assert kick == b"\x1b@\x1bp\x00\x32\x32"  # ESC @, ESC p pin 2, 100 ms on, 100 ms off
    assert_golden("drawer_kick.txt", decoded(kick, "TM-T20II"))


def test_test_page_matches_its_reviewed_layout() -> None:
    page = render_test_page(RenderOptions(), printer="tcp://10.0.0.9:9100",
                            printed_at="2026-11-24T10:30:00+00:00")
    assert_golden("test_page_tmt20ii.txt", decoded(page, "TM-T20II"))


def test_euro_pound_and_accents_use_code_page_858_from_the_first_byte() -> None:
    payload = render_receipt(sample_receipt(), RenderOptions(profile="TM-T20II"))
    assert payload.startswith(b"\x1b@\x1bt\x13")  # ESC @, then ESC t 19 (CP858)
    assert payload.count(b"\x1bt") == 1  # never switched to another page
    assert "€ and £".encode("cp858") == b"\xd5 and \x9c"
    assert b"\xd5 and \x9c" in payload
    assert "Crème brûlée".encode("cp858") in payload


def test_every_receipt_starts_afresh() -> None:
    """A second receipt re-selects its code page (a reset printer is on page 0)."""
    options = RenderOptions(profile="TM-T20II")
    first, second = (render_receipt(sample_receipt(), options) for _ in range(2))
    assert first == second


def test_barcode_and_cut_commands() -> None:
    payload = render_receipt(sample_receipt(), RenderOptions(profile="TM-T20II"))
    assert b"\x1dkI\x0b{BR1-000042" in payload  # GS k 73 (CODE128), 11 bytes, code set B
    assert payload.endswith(b"\x1bd\x06\x1dV\x01")  # feed 6 lines, partial cut
    assert b"\x1ba\x00" in payload[payload.index(b"\x1dkI") :]  # left-aligned again


def test_a_printer_without_a_cutter_or_barcodes_still_gets_both_as_best_it_can() -> None:
    text = decoded(render_receipt(sample_receipt(), RenderOptions(profile="simple")), "simple")
    assert "[CUT" not in text
    assert text.rstrip().endswith("[FEED 6]")
    assert "[BARCODE" not in text
    assert "[RASTER IMAGE" in text  # the barcode drawn as an image
    assert "Coin purse for EUR and" in text  # CP437 has £ but no €
    assert "[CODEPAGE CP437]" in text


def test_long_and_emoji_names_stay_inside_the_paper() -> None:
    receipt = sample_receipt(lines=(
        sample_receipt().lines[0].__class__(LONG_NAME, 1, 4999, 4999, 0, 4999, 2000),
        sample_receipt().lines[0].__class__(
            "\N{WRAPPED PRESENT} Gift box \N{CHRISTMAS TREE}\N{SPARKLES}", 1, 300, 300, 0, 300,
            2000),
    ))
    assert len(LONG_NAME) >= 200
    for profile in ("POS-5890", "TM-T88V", "TM-T20II"):
        columns = load_profile(profile).columns
        printed = preview(render_receipt(receipt, RenderOptions(profile=profile)),
                          load_profile(profile))
        assert all(len(line) <= columns for line in printed.splitlines())
        assert "Gift box" in printed
        assert "?" not in printed.split("Gift box")[0][-3:]
        words = " ".join(printed.replace("49.99", "").split())
        assert "Hand-thrown stoneware teapot with bamboo handle" in words.replace("- ", "-")
        assert "AB-CDEFGHIJKLMNOPQRSTUVWXYZ0123456789" in "".join(printed.split())


def test_nothing_is_written_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    render_receipt(sample_receipt(), RenderOptions(profile="TM-T20II"))
    render_receipt(sample_receipt(), RenderOptions(profile="POS-5890"))
    assert capsys.readouterr().out == ""


def test_importing_escpos_leaves_the_root_logger_alone() -> None:
    script = (
        "import logging\n"
        "from pos.printing.escpos_lib import printer_module\n"
        "printer_module()\n"
        "print(len(logging.getLogger().handlers))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            check=True, cwd=Path(__file__).resolve().parents[2])
    assert result.stdout.strip() == "0"


def test_an_unknown_profile_names_the_close_ones() -> None:
    with pytest.raises(PrinterSetupError, match=r"unknown printer profile 'TM-T88X'.*TM-T88"):
        render_receipt(sample_receipt(), RenderOptions(profile="TM-T88X"))


def test_a_logo_is_printed_scaled_to_the_paper(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("L", (1200, 300), 0).save(logo)
    text = decoded(render_receipt(sample_receipt(), RenderOptions("POS-5890", logo=logo)),
                   "POS-5890")
    first_image = next(line for line in text.splitlines() if "[RASTER IMAGE" in line)
    assert "[RASTER IMAGE 384x96]" in first_image  # 1200x300 scaled to the 384-dot paper
    assert text.index("[RASTER IMAGE 384x96]") < text.index("Café Zoë")


@pytest.mark.parametrize("content", [b"", b"not an image at all", b"\x89PNG\r\n\x1a\n broken"])
def test_an_unprintable_logo_is_left_off_and_the_receipt_prints(
    tmp_path: Path, content: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(content)
    with caplog.at_level(logging.WARNING, logger="pos.printing.logo"):
        payload = render_receipt(sample_receipt(), RenderOptions("TM-T20II", logo=logo))
    assert payload == render_receipt(sample_receipt(), RenderOptions("TM-T20II"))
    assert "receipt logo" in caplog.text
    assert "left off" in caplog.text


def test_a_missing_logo_file_is_left_off(tmp_path: Path) -> None:
    payload = render_receipt(sample_receipt(), RenderOptions(logo=tmp_path / "none.png"))
    assert "[RASTER IMAGE" not in decoded(payload, "TM-T20II")


def test_the_decoder_refuses_bytes_it_does_not_know() -> None:
    profile = load_profile("TM-T20II")
    with pytest.raises(ValueError, match="unknown command"):
        list(events(b"\x1b\x99", profile))
    with pytest.raises(ValueError, match="middle of a command"):
        list(events(b"\x1d", profile))
    with pytest.raises(ValueError, match="control byte"):
        list(events(b"\x07", profile))


def test_the_preview_centres_as_the_printer_does() -> None:
    profile = load_profile("TM-T20II")
    shown = preview(render_receipt(sample_receipt(), RenderOptions()), profile)
    lines = shown.splitlines()
    assert lines[0] == " " * 16 + "Café Zoë"  # double width: 16 of 48 columns
    assert "barcode R1-000042" in shown
    assert lines[-1].strip("= ") == "cut"
