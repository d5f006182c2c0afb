import pytest

from pos.app import run
from pos.cli.parser import parse_args


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["frobnicate"]) == 2
    err = capsys.readouterr().err
    assert "invalid choice: 'frobnicate'" in err
    assert "pos --help" in err


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--help"]) == 0
    out = capsys.readouterr().out
    for command in ("demo", "version", "db", "bench", "--quit-after-ready"):
        assert command in out


def test_quit_after_ready_works_before_and_after_demo() -> None:
    assert parse_args(["demo", "--quit-after-ready"]).quit_after_ready is True
    assert parse_args(["--quit-after-ready", "demo"]).quit_after_ready is True
    assert parse_args(["demo"]).quit_after_ready is False


def test_db_needs_an_action(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["db"]) == 2
    assert "ACTION" in capsys.readouterr().err
