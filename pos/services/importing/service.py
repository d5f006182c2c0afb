"""`pos import`: read a file, check every row, write what can be written, report the rest.

Idempotent: products and customers are keyed on their codes (customers without one
on e-mail, phone or name), receipts on their numbers; whatever is already there is
left as it is, so importing a file twice changes nothing the second time, and an
import interrupted half-way (or cancelled: `cancel` is looked at between chunks)
completes when run again. `dry_run` does all of it in a transaction that is rolled
back, so its counts are the real ones.
"""

import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from pos.db.audit import AuditRepository
from pos.db.database import Database
from pos.domain.clock import Clock, utc_now
from pos.domain.errors import UserError
from pos.services.importing.batches import Batches, ImportContext, Progress, no_progress
from pos.services.importing.customers import CustomerImporter, CustomerRecord, merge_customer_rows
from pos.services.importing.mapping import ColumnMap, FormatName, Kind, column_map
from pos.services.importing.online_retail import customers_of, products_of
from pos.services.importing.products import ProductImporter, ProductRecord, merge_product_rows
from pos.services.importing.reader import DEFAULT_ENCODING, CsvTable, read_csv
from pos.services.importing.receipts import ReceiptRecord, group_receipts
from pos.services.importing.rejects import default_rejects_path, write_rejects
from pos.services.importing.rows import (
    Reject,
    customer_reader,
    parse_each,
    product_reader,
    sale_line_reader,
)
from pos.services.importing.sales import SalesImporter
from pos.services.importing.summary import Counts, ImportSummary, SalesCounts
from pos.services.shop_facts import ShopFacts, load_shop_facts

CANCELLATION_PREFIX = "C"
"""Online Retail: invoices whose number starts with C cancel (return) goods."""
DEFAULT_CHUNK = 1000


@dataclass(frozen=True)
class ImportOptions:
    kind: Kind
    path: Path
    format_name: FormatName = "generic"
    mapping: Mapping[str, str] = field(default_factory=dict)
    """`--map`: column name (case-folded) -> field."""
    encoding: str = DEFAULT_ENCODING
    delimiter: str = ","
    dry_run: bool = False
    rejects_path: Path | None = None
    """Where the reject report goes; default: beside the file (`X.rejects.csv`)."""
    chunk_size: int = DEFAULT_CHUNK
    """Rows (products, customers) or receipts (sales) written per transaction."""
    actor: str = "pos import"


@dataclass
class _Run:
    """What one import has found and done so far."""

    table: CsvTable
    columns: ColumnMap
    rejects: list[Reject] = field(default_factory=list)
    products: Counts | None = None
    customers: Counts | None = None
    sales: SalesCounts | None = None


class ImportService:
    def __init__(self, database: Database, clock: Clock = utc_now) -> None:
        self._database = database
        self._clock = clock

    def run(
        self,
        options: ImportOptions,
        progress: Progress = no_progress,
        cancel: threading.Event | None = None,
    ) -> ImportSummary:
        """Import the file; `UserError` for a file that cannot be imported at all (wrong
        encoding or delimiter, missing columns), rejects for rows that cannot.
        `batches.ImportCancelledError` once `cancel` is set: the chunks already committed stay,
        and running the import again finishes it."""
        shop = load_shop_facts(self._database)
        table = read_csv(options.path, encoding=options.encoding, delimiter=options.delimiter)
        columns = column_map(table.header, options.kind, options.format_name,
                             options.mapping, file_name=options.path.name)
        rejects_path = options.rejects_path or default_rejects_path(options.path)
        if rejects_path.resolve() == options.path.resolve():
            raise UserError("the reject report would overwrite the file imported; name "
                            "another file with --rejects")
        write_rejects(rejects_path, table, [])  # can it be written? before writing anything
        run = _Run(table, columns)
        with Batches(self._database, dry_run=options.dry_run) as batches:
            context = ImportContext(batches, self._clock(), progress, options.chunk_size,
                                    cancel)
            self._import(run, options, shop, context)
        write_rejects(rejects_path, table, run.rejects)
        summary = ImportSummary(
            kind=options.kind, format_name=options.format_name, path=options.path,
            rows=len(table.records), dry_run=options.dry_run, rejects_path=rejects_path,
            rejects=tuple(sorted(run.rejects, key=lambda reject: reject.line)),
            products=run.products, customers=run.customers, sales=run.sales,
        )
        if not options.dry_run:
            self._audit(summary, options.actor)
        return summary

    def _import(
        self, run: _Run, options: ImportOptions, shop: ShopFacts, context: ImportContext
    ) -> None:
        today = context.now.astimezone(shop.zone).date()
        online_retail = options.format_name == "online-retail"
        if options.kind == "sales" or online_retail:
            receipts = self._receipts(run, options, shop)
            if online_retail and options.kind != "customers":
                self._products(run, products_of(receipts), ProductImporter(context))
            if online_retail and options.kind != "products":
                customers = customers_of(receipts, region=shop.country, today=today)
                self._customers(run, customers, CustomerImporter(context))
            if options.kind == "sales":
                run.sales, refused = SalesImporter(context).run(receipts)
                run.rejects.extend(refused)
        elif options.kind == "products":
            parsed = parse_each(run.table, product_reader(run.columns, shop))
            records, refused = merge_product_rows(parsed.rows)
            run.rejects.extend([*parsed.rejects, *refused])
            self._products(run, records, ProductImporter(context))
        else:
            parsed_customers = parse_each(run.table, customer_reader(run.columns, shop, today))
            customers, refused = merge_customer_rows(parsed_customers.rows)
            run.rejects.extend([*parsed_customers.rejects, *refused])
            erased = self._customers(run, customers, CustomerImporter(context))
            run.rejects.extend(
                Reject(line, "this customer was erased at their request; not imported again")
                for record in erased for line in record.lines
            )

    @staticmethod
    def _receipts(run: _Run, options: ImportOptions, shop: ShopFacts) -> list[ReceiptRecord]:
        online_retail = options.format_name == "online-retail"
        parsed = parse_each(
            run.table,
            sale_line_reader(run.columns, shop, whole_number_customers=online_retail),
            receipt_of=lambda record: run.columns.cell(record.cells, "receipt"),
        )
        receipts, refused = group_receipts(
            parsed.rows, parsed.rejects,
            cancellation_prefix=CANCELLATION_PREFIX if online_retail else "",
        )
        run.rejects.extend([*parsed.rejects, *refused])
        return receipts

    @staticmethod
    def _products(run: _Run, records: list[ProductRecord], importer: ProductImporter) -> None:
        run.products, refused = importer.run(records)
        run.rejects.extend(refused)

    @staticmethod
    def _customers(
        run: _Run, records: list[CustomerRecord], importer: CustomerImporter
    ) -> list[CustomerRecord]:
        run.customers, refused, erased = importer.run(records)
        run.rejects.extend(refused)
        return erased

    def _audit(self, summary: ImportSummary, actor: str) -> None:
        with self._database.writer() as uow:
            AuditRepository(uow.session).append(
                at=self._clock(), actor=actor, action=f"import.{summary.kind}",
                subject=f"file:{summary.path.name}", details=summary.audit_details(),
            )
            uow.commit()
