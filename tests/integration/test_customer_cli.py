"""`pos import` and `pos customer` as a person runs them: what they print, what they write,
and one clear line with exit code 1 for what cannot be done."""

import json
from pathlib import Path

import pytest

from pos.app import run
from pos.db.database import Database
from pos.services.customer_types import NewCustomer
from pos.services.customers import CustomerService
from pos.services.demo import DEMO_CSV
from tests.factories import fixed_clock, make_shop

Capture = pytest.CaptureFixture[str]


@pytest.fixture
def shop(database: Database, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Database:
    monkeypatch.setenv("POS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("POS_DATABASE_URL",
                       database.engine.url.render_as_string(hide_password=False))
    make_shop(database)
    return database


def _error(capsys: Capture) -> str:
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert err.startswith("pos: error: "), err
    return err


@pytest.mark.parametrize("backend", ["sqlite"])  # the whole sample: the command, not the SQL
def test_import_prints_counts_and_a_dry_run_writes_nothing(
    shop: Database, tmp_path: Path, capsys: Capture
) -> None:
    rejects = tmp_path / "rejects.csv"
    args = ["import", "sales", str(DEMO_CSV), "--format", "online-retail",
            "--rejects", str(rejects)]
    assert run([*args, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "30,000 rows read" in out
    assert "products: 3,000 new, 0 already there" in out
    assert f"rejected: 37 rows, listed in {rejects}" in out
    assert out.rstrip().endswith("dry run: nothing was written")
    assert CustomerService(shop, fixed_clock).search("Customer 12923") == ()


def test_import_mapped_columns_then_again(
    shop: Database, tmp_path: Path, capsys: Capture
) -> None:
    path = tmp_path / "list.csv"
    path.write_text("Ref,Full name,Mobile\nA1,Jane Smith,020 7946 0958\nA2,Bob,12\n",
                    encoding="utf-8")
    argv = ["import", "customers", str(path), "--map", "Ref=code", "Full name=name",
            "--map", "Mobile=phone"]
    assert run(argv) == 0
    out = capsys.readouterr().out
    assert "customers: 1 new, 0 already there" in out
    assert f"rejected: 1 rows, listed in {tmp_path / 'list.rejects.csv'}" in out
    assert run(argv) == 0
    assert "customers: 0 new, 1 already there" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "options", "message"),
    [
        ("code;name;price\nA;Tea;2.50\n", [], "separates its columns with ';', not ','"),
        ("code,name\nA,Tea\n", [], "has no column for price"),
        ("code,name,price\nA,Th\xe9,2.50\n", [], "is not UTF-8 text: byte 0xE9 on line 2"),
        ("code,name,price\n", ["--map", "price"], "--map takes COLUMN=FIELD"),
    ],
)
def test_import_refuses_a_file_it_cannot_read_in_one_line(
    shop: Database, tmp_path: Path, capsys: Capture, content: str, options: list[str],
    message: str,
) -> None:
    path = tmp_path / "products.csv"
    path.write_bytes(content.encode("latin-1"))
    assert run(["import", "products", str(path), *options]) == 1
    assert message in _error(capsys)


def test_customer_export_and_erase(shop: Database, tmp_path: Path, capsys: Capture) -> None:
    customer = CustomerService(shop, fixed_clock).create(
        NewCustomer("Jane Smith", email="jane@example.com", tags=("tea",))
    )
    output = tmp_path / "jane.json"
    assert run(["customer", "export", str(customer.id), "-o", str(output)]) == 0
    assert f"exported customer {customer.id} to {output}: 0 sales, 1 preferences" in (
        capsys.readouterr().out
    )
    exported = json.loads(output.read_text(encoding="utf-8"))
    assert exported["customer"]["email"] == "jane@example.com"
    assert exported["audit"][0]["actor"] == "pos customer export"

    assert run(["customer", "erase", str(customer.id)]) == 0
    assert f"erased the personal data of customer {customer.id}; 0 sales kept" in (
        capsys.readouterr().out
    )
    assert run(["customer", "erase", str(customer.id)]) == 1
    assert "was already erased on" in _error(capsys)
    assert run(["customer", "export", "999", "-o", str(output)]) == 1
    assert "there is no customer number 999" in _error(capsys)
    assert run(["customer", "rebuild-stats"]) == 0
    assert "statistics rebuilt: 0 customers have visits" in capsys.readouterr().out


def test_customer_usage_errors_exit_2(shop: Database, capsys: Capture) -> None:
    assert run(["customer", "erase", "jane"]) == 2
    assert run(["customer"]) == 2
