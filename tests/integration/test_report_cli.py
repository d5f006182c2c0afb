"""`pos report` on SQLite and PostgreSQL: reports written, and one clear line with exit
code 1 (bad input) or 3 (a file that cannot be written) for every fault, with no file
left behind."""

import signal
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from pos.app import run
from pos.db.database import Database
from pos.db.report_queries import sales as sales_queries
from pos.domain.cart import Cart
from pos.domain.tender import Tender
from tests.factories import FIXED_NOW, TillFixture, pdf_text

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def shop_env(
    database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """A shop with one sale today; `pos` pointed at it. Returns a folder for reports."""
    till = TillFixture.open(database)
    till.sell(Cart().add(till.mugs(2)), Tender("cash", 10_00))
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("POS_DATABASE_URL",
                       database.engine.url.render_as_string(hide_password=False))
    out = tmp_path / "reports"
    out.mkdir()
    return out


def one_error_line(capsys: Capture) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert "Traceback" not in err
    assert err.startswith("pos: error: ")
    return err


def test_writes_the_pdf_and_the_csv(shop_env: Path, capsys: Capture) -> None:
    pdf, table = shop_env / "sales.pdf", shop_env / "sales.csv"
    day = FIXED_NOW.date().isoformat()  # the day of the sale
    assert run(["report", "sales", "--from", day, "--to", day, "-o", str(pdf),
                "--csv", str(table)]) == 0
    out = capsys.readouterr().out
    assert f"wrote {pdf} (Sales report, " in out
    assert f"wrote {table}" in out
    assert "Net takings\n£9.00" in pdf_text(pdf)
    assert "Net takings,9.00" in table.read_text(encoding="utf-8-sig")


def test_an_empty_period_is_a_report_not_an_error(shop_env: Path, capsys: Capture) -> None:
    pdf = shop_env / "january.pdf"
    assert run(["report", "sales", "--from", "2026-01-01", "--to", "2026-01-31",
                "-o", str(pdf)]) == 0
    assert "No sales in this period." in pdf_text(pdf)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["sales", "--from", "2026-11-20", "--to", "2026-11-02"],
         "the period starts on 2026-11-20, after it ends on 2026-11-02; swap the dates"),
        (["sales", "--to", "2999-01-01"], "2999-01-01 is in the future"),
        (["tax", "--from", "20/11/2026"], "--from '20/11/2026' is not a date; write it as "
                                          "YYYY-MM-DD"),
        (["z", "--register", "9"], "there is no register '9'; the registers are: 1"),
        (["x", "--from", "2026-11-01"], "the X report is of the shift open now"),
    ],
)
def test_bad_input_is_one_line_and_exit_1(
    shop_env: Path, capsys: Capture, arguments: list[str], message: str
) -> None:
    assert run(["report", *arguments, "-o", str(shop_env / "r.pdf")]) == 1
    assert message in one_error_line(capsys)
    assert list(shop_env.iterdir()) == []


def test_an_output_that_cannot_be_written_is_exit_3(shop_env: Path, capsys: Capture) -> None:
    missing = shop_env / "no such folder" / "r.pdf"
    assert run(["report", "sales", "-o", str(missing)]) == 3
    assert f"cannot write {missing} (No such file or directory)" in one_error_line(capsys)
    assert run(["report", "sales", "-o", str(shop_env / "r.pdf"), "--csv", str(missing)]) == 3
    one_error_line(capsys)
    assert list(shop_env.iterdir()) == []


def test_ctrl_c_cancels_and_leaves_nothing(
    shop_env: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = sales_queries.period_totals

    def interrupted(*args: Any, **kwargs: Any) -> Any:
        signal.raise_signal(signal.SIGINT)  # as Ctrl+C while the figures are read
        return real(*args, **kwargs)

    patch: Callable[..., Any] = interrupted
    monkeypatch.setattr(sales_queries, "period_totals", patch)
    assert run(["report", "sales", "-o", str(shop_env / "r.pdf"),
                "--csv", str(shop_env / "r.csv")]) == 1
    assert "the report was cancelled; no file was written" in one_error_line(capsys)
    assert list(shop_env.iterdir()) == []
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
