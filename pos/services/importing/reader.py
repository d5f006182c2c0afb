"""Reading a CSV file into records that know their line numbers.

The whole file is decoded first, so a wrong encoding is reported with the line it was
found on instead of half-way through an import. Quoted fields may hold newlines: a
record's line number is the line it starts on, as a spreadsheet shows it.
"""

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from pos.domain.errors import UserError

DEFAULT_ENCODING = "utf-8-sig"
"""UTF-8, with or without a byte-order mark."""
UTF8_NAMES = frozenset({"utf-8-sig", "utf-8", "utf8"})
OTHER_DELIMITERS = (";", "\t", "|")


@dataclass(frozen=True, slots=True)
class CsvRecord:
    line: int
    """The line the record starts on (the header is line 1)."""
    cells: tuple[str, ...]


@dataclass(frozen=True)
class CsvTable:
    path: Path
    header: tuple[str, ...]
    records: tuple[CsvRecord, ...]


def read_csv(path: Path, *, encoding: str = DEFAULT_ENCODING, delimiter: str = ",") -> CsvTable:
    """The header and records of `path`; `UserError` says how to fix an unreadable file."""
    text = _decode(path, _read_bytes(path), encoding).removeprefix("\ufeff")
    if len(delimiter) != 1:
        raise UserError(f"the delimiter must be one character, not {delimiter!r}")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[CsvRecord] = []
    header: tuple[str, ...] | None = None
    line = 1
    try:
        for cells in reader:
            if header is None:
                header = tuple(cell.strip() for cell in cells)
            elif any(cell.strip() for cell in cells):
                records.append(CsvRecord(line, tuple(cells)))
            line = reader.line_num + 1
    except csv.Error as error:
        raise UserError(f"{path.name} line {line} cannot be read as CSV ({error})") from None
    if not header or not any(header):
        raise UserError(f"{path.name} is empty; it needs a header row naming its columns")
    _check_delimiter(path, header, delimiter)
    return CsvTable(path, header, tuple(records))


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise UserError(f"cannot read {path} ({error.strerror or error})") from None


def _decode(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except LookupError:
        raise UserError(
            f"unknown encoding {encoding!r}; use e.g. utf-8, latin-1 or cp1252"
        ) from None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start : error.start + 1].hex().upper()
        shown = "UTF-8" if encoding.casefold().replace("_", "-") in UTF8_NAMES else encoding
        raise UserError(
            f"{path.name} is not {shown} text: byte 0x{byte} on line {line} cannot be read; "
            "if the file was saved as Latin-1 or by Excel on Windows, pass --encoding latin-1 "
            "or --encoding cp1252"
        ) from None


def _check_delimiter(path: Path, header: tuple[str, ...], delimiter: str) -> None:
    """A header read as one column that holds another separator: say which to pass."""
    if len(header) != 1:
        return
    for other in OTHER_DELIMITERS:
        if other != delimiter and other in header[0]:
            shown = "\\t" if other == "\t" else other
            raise UserError(
                f"{path.name} separates its columns with {shown!r}, not {delimiter!r}; "
                f"pass --delimiter '{shown}'"
            )
