"""Which column of a file holds which field: the formats' own column names, and `--map`.

`generic` files name their columns after the fields (CONTRACTS.md, case-insensitive);
`online-retail` files are laid out like the UCI Online Retail data set. `--map COL=FIELD`
adds or overrides a column for a field. A file missing a required field is refused
before anything is read from its rows.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

from pos.domain.errors import UserError

Kind = Literal["products", "customers", "sales"]
KINDS: tuple[Kind, ...] = get_args(Kind)
FormatName = Literal["generic", "online-retail"]
FORMATS: tuple[FormatName, ...] = get_args(FormatName)


@dataclass(frozen=True)
class Fields:
    required: tuple[str, ...]
    optional: tuple[str, ...]

    @property
    def all(self) -> tuple[str, ...]:
        return (*self.required, *self.optional)


GENERIC_FIELDS: dict[Kind, Fields] = {
    "products": Fields(("code", "name", "price"), ("barcode", "tax_rate", "category")),
    "customers": Fields(
        ("name",),
        ("code", "phone", "email", "birthday", "notes", "language", "address_as",
         "loyalty_card", "tags"),
    ),
    "sales": Fields(
        ("receipt", "date", "product_code", "quantity", "unit_price"),
        ("customer_code", "product_name", "country"),
    ),
}
ONLINE_RETAIL_FIELDS = Fields(
    ("receipt", "product_code", "product_name", "quantity", "date", "unit_price",
     "customer_code"),
    ("country",),
)
"""Whatever is imported from an Online Retail file, every row is a sales line."""
ONLINE_RETAIL_COLUMNS = {
    "invoiceno": "receipt", "stockcode": "product_code", "description": "product_name",
    "quantity": "quantity", "invoicedate": "date", "unitprice": "unit_price",
    "customerid": "customer_code", "country": "country",
}


@dataclass(frozen=True)
class ColumnMap:
    """Field name -> index of the column that holds it."""

    columns: Mapping[str, int]

    def cell(self, cells: Sequence[str], field: str) -> str:
        """The field's text in a record, stripped ("" when the file has no such column)."""
        index = self.columns.get(field)
        if index is None or index >= len(cells):
            return ""
        return cells[index].strip()

    def getter(self, cells: Sequence[str]) -> Callable[[str], str]:
        """`cell` for one record: field -> its text."""
        return lambda field: self.cell(cells, field)


def fields_of(kind: Kind, format_name: FormatName) -> Fields:
    return ONLINE_RETAIL_FIELDS if format_name == "online-retail" else GENERIC_FIELDS[kind]


def parse_map_options(options: Sequence[str]) -> dict[str, str]:
    """`["Cost=price", ...]` as {column (case-folded): field}."""
    mapped: dict[str, str] = {}
    for option in options:
        column, sep, field = option.partition("=")
        if not sep or not column.strip() or not field.strip():
            raise UserError(f"--map takes COLUMN=FIELD (like --map Cost=price), not {option!r}")
        mapped[column.strip().casefold()] = field.strip().casefold()
    return mapped


def column_map(
    header: Sequence[str],
    kind: Kind,
    format_name: FormatName,
    overrides: Mapping[str, str],
    *,
    file_name: str,
) -> ColumnMap:
    """Which column holds each field, or `UserError` naming what is missing."""
    fields = fields_of(kind, format_name)
    position = {name.casefold(): index for index, name in reversed(list(enumerate(header)))}
    preset = ONLINE_RETAIL_COLUMNS if format_name == "online-retail" else {
        field: field for field in fields.all
    }
    columns = {field: position[name] for name, field in preset.items() if name in position}
    for name, field in overrides.items():
        if field not in fields.all:
            raise UserError(
                f"--map names the field {field!r}, which {kind} ({format_name}) do not have; "
                f"the fields are: {', '.join(fields.all)}"
            )
        if name not in position:
            raise UserError(
                f"--map names the column {name!r}, which {file_name} does not have; its "
                f"columns are: {', '.join(header)}"
            )
        columns[field] = position[name]
    missing = [field for field in fields.required if field not in columns]
    if missing:
        raise UserError(
            f"{file_name} has no column for {', '.join(missing)} (its columns are: "
            f"{', '.join(header)}); name the columns as the format does, or map them with "
            f"--map COLUMN={missing[0]}"
        )
    return ColumnMap(columns)
