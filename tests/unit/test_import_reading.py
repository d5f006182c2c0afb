"""Reading import files: encodings, delimiters, quoted newlines, columns and cell values."""

from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from pos.domain.errors import UserError
from pos.services.importing.mapping import column_map, parse_map_options
from pos.services.importing.reader import read_csv
from pos.services.importing.values import (
    parse_amount,
    parse_local_time,
    parse_quantity,
    parse_tax_rate,
    whole_number_code,
)

LONDON = ZoneInfo("Europe/London")


def write(tmp_path: Path, data: bytes, name: str = "file.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_utf8_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = write(tmp_path, "\ufeffcode,name\nA1,Crème brûlée\n".encode())
    table = read_csv(path)
    assert table.header == ("code", "name")
    assert table.records[0].cells == ("A1", "Crème brûlée")


def test_latin1_is_refused_with_the_line_and_the_option_to_pass(tmp_path: Path) -> None:
    path = write(tmp_path, "code,name\nA1,Tea\nA2,Crème\n".encode("latin-1"))
    with pytest.raises(UserError) as refused:
        read_csv(path)
    assert refused.value.message == (
        "file.csv is not UTF-8 text: byte 0xE8 on line 3 cannot be read; if the file "
        "was saved as Latin-1 or by Excel on Windows, pass --encoding latin-1 or "
        "--encoding cp1252"
    )
    assert read_csv(path, encoding="latin-1").records[1].cells == ("A2", "Crème")


def test_an_unknown_encoding_is_named(tmp_path: Path) -> None:
    path = write(tmp_path, b"code\nA\n")
    with pytest.raises(UserError, match="unknown encoding 'klingon'"):
        read_csv(path, encoding="klingon")


def test_the_wrong_delimiter_is_named_with_the_option_to_pass(tmp_path: Path) -> None:
    path = write(tmp_path, b"code;name;price\nA1;Tea;2,50\n")
    with pytest.raises(UserError, match="separates its columns with ';', not ','; pass "
                                        "--delimiter ';'"):
        read_csv(path)
    assert read_csv(path, delimiter=";").records[0].cells == ("A1", "Tea", "2,50")


def test_quoted_newlines_keep_the_line_numbers_of_a_spreadsheet(tmp_path: Path) -> None:
    path = write(tmp_path, b'code,notes\nA,"first\nsecond"\n\nB,plain\r\nC,"x\r\ny"\n')
    table = read_csv(path)
    assert [(record.line, record.cells) for record in table.records] == [
        (2, ("A", "first\nsecond")), (5, ("B", "plain")), (6, ("C", "x\r\ny")),
    ]


def test_an_empty_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="is empty; it needs a header row"):
        read_csv(write(tmp_path, b""))


def test_missing_columns_are_named_with_the_header_found() -> None:
    with pytest.raises(UserError) as refused:
        column_map(("Code", "Name", "Cost"), "products", "generic", {}, file_name="p.csv")
    assert refused.value.message == (
        "p.csv has no column for price (its columns are: Code, Name, Cost); name the columns "
        "as the format does, or map them with --map COLUMN=price"
    )


def test_columns_match_any_case_and_map_overrides() -> None:
    mapping = column_map(("CODE", "Name", "Cost"), "products", "generic",
                         parse_map_options(["cost=PRICE"]), file_name="p.csv")
    assert mapping.columns == {"code": 0, "name": 1, "price": 2}
    assert mapping.cell(["A1", " Tea ", "2.50"], "name") == "Tea"
    assert mapping.cell(["A1", "Tea", "2.50"], "barcode") == ""


def test_bad_map_options_are_explained() -> None:
    with pytest.raises(UserError, match="--map takes COLUMN=FIELD"):
        parse_map_options(["price"])
    with pytest.raises(UserError, match="do not have; the fields are: code, name, price"):
        column_map(("code", "name", "price"), "products", "generic", {"code": "sku"},
                   file_name="p.csv")
    with pytest.raises(UserError, match=r"names the column 'cost', which p\.csv does not have"):
        column_map(("code", "name", "price"), "products", "generic", {"cost": "price"},
                   file_name="p.csv")


def test_online_retail_columns() -> None:
    header = ("InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice",
              "CustomerID", "Country")
    mapping = column_map(header, "sales", "online-retail", {}, file_name="o.csv")
    assert mapping.columns["receipt"] == 0
    assert mapping.columns["customer_code"] == 6
    with pytest.raises(UserError, match="no column for customer_code"):
        column_map(header[:6], "customers", "online-retail", {}, file_name="o.csv")


def test_amounts_are_exact_and_never_guessed() -> None:
    assert parse_amount("2.50", 2) == 250
    assert parse_amount("0.1", 2) == 10
    assert parse_amount("-3", 2) == -300
    assert parse_amount("1234.5", 0 + 2) == 123450
    for bad in ("2,50", "1,234.50", "£2.50", "", "two"):
        with pytest.raises(UserError, match="is not an amount; write it with a decimal point"):
            parse_amount(bad, 2)
    with pytest.raises(UserError, match="more than 2 decimal places"):
        parse_amount("0.001", 2)


def test_quantities_rates_times_and_float_codes() -> None:
    assert parse_quantity("-12") == -12
    assert parse_quantity("3.0") == 3
    with pytest.raises(UserError, match="not a whole number"):
        parse_quantity("1.5")
    assert parse_tax_rate("20") == 2000
    assert parse_tax_rate("5.5%") == 550
    with pytest.raises(UserError, match="not a percentage"):
        parse_tax_rate("120")
    # Shop time (British Summer Time in July) to UTC; an explicit offset wins.
    assert parse_local_time("2011-07-06 16:20:00", LONDON) == datetime(2011, 7, 6, 15, 20,
                                                                       tzinfo=UTC)
    assert parse_local_time("2011-12-06T16:20:00", LONDON) == datetime(2011, 12, 6, 16, 20,
                                                                       tzinfo=UTC)
    assert parse_local_time("2011-07-06T16:20:00+02:00", LONDON) == datetime(
        2011, 7, 6, 14, 20, tzinfo=UTC)
    with pytest.raises(UserError, match="is not a date and time"):
        parse_local_time("06/07/2011", LONDON)
    assert whole_number_code("12923.0") == "12923"
    assert whole_number_code("ABC") == "ABC"
    with pytest.raises(UserError, match="not a whole number"):
        whole_number_code("12923.5")
