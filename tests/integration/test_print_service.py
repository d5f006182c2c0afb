"""Printing receipts through the queue, on both backends, to a fake network printer."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from pos.db.database import Database
from pos.domain.errors import UserError
from pos.printing.escpos_decode import annotate
from pos.printing.profiles import load_profile
from pos.services.printing import PrinterState, PrintService
from tests.factories import ManualClock, TillFixture
from tests.fake_printer import FakePrinter, fake_printer
from tests.print_setup import (
    card_sale,
    mixed_sale,
    print_service,
    shop_till,
)


@pytest.fixture
def till(database: Database) -> TillFixture:
    return shop_till(database)


@pytest.fixture
def printer() -> Iterator[FakePrinter]:
    with fake_printer() as fake:
        yield fake


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def service(till: TillFixture, tmp_path: Path, printer: FakePrinter,
            clock: ManualClock) -> PrintService:
    return print_service(till, tmp_path, printer.url, clock)


def text_of(payload: bytes) -> str:
    return annotate(payload, load_profile("TM-T20II"))


def test_a_cash_sale_opens_the_drawer_then_prints_its_receipt(
    till: TillFixture, service: PrintService, printer: FakePrinter
) -> None:
    sale = mixed_sale(till)
    jobs = service.enqueue_receipt(sale.id)
    assert [(job.kind, job.status) for job in jobs] == [("drawer", "pending"),
                                                        ("receipt", "pending")]
    result = service.worker.run_pending()
    assert (result.printed, result.failed) == (2, 0)
    drawer, receipt = printer.wait_for("printed", 2)
    assert "[DRAWER PIN2 100ms/100ms]" in text_of(drawer)
    assert "[DRAWER" not in text_of(receipt)
    assert '[BARCODE CODE128 "{BR1-000001"]' in text_of(receipt)
    assert "Customer: Zoë Müller" in text_of(receipt)
    assert service.pending_jobs() == ()


def test_asking_twice_records_the_receipt_once(
    till: TillFixture, service: PrintService, printer: FakePrinter
) -> None:
    sale = mixed_sale(till)
    first = service.enqueue_receipt(sale.id)
    assert service.enqueue_receipt(sale.id) == first
    service.worker.run_pending()
    assert len(printer.wait_for("printed", 2)) == 2
    assert service.worker.run_pending().status is None  # nothing left to do
    assert len(printer.printed) == 2


def test_a_card_sale_leaves_the_drawer_shut(till: TillFixture, service: PrintService) -> None:
    jobs = service.enqueue_receipt(card_sale(till).id)
    assert [job.kind for job in jobs] == ["receipt"]


def test_a_gift_receipt_has_no_prices(
    till: TillFixture, service: PrintService, printer: FakePrinter
) -> None:
    sale = mixed_sale(till)
    (job,) = service.enqueue_receipt(sale.id, gift=True)
    assert (job.kind, job.gift) == ("receipt", True)
    service.worker.run_pending()
    (gift,) = printer.wait_for("printed", 1)
    assert "GIFT RECEIPT" in text_of(gift)
    assert "£10.60" not in text_of(gift)
    assert "Cat Mug" in text_of(gift)
    # the gift receipt is not the sale's receipt: that is still to be printed
    assert [job.kind for job in service.enqueue_receipt(sale.id)] == ["drawer", "receipt"]


def test_a_reprint_of_a_printed_receipt_is_marked_copy(
    till: TillFixture, service: PrintService, printer: FakePrinter
) -> None:
    sale = card_sale(till)
    service.enqueue_receipt(sale.id)
    service.worker.run_pending()
    copy = service.reprint_last()
    assert (copy.kind, copy.sale_id) == ("copy", sale.id)
    service.worker.run_pending()
    original, reprinted = printer.wait_for("printed", 2)
    assert "COPY" not in text_of(original)
    assert text_of(reprinted).count("*** COPY ***") == 2
    assert "R1-000001" in text_of(reprinted)


def test_any_past_receipt_can_be_reprinted(
    till: TillFixture, service: PrintService, printer: FakePrinter
) -> None:
    first, _ = card_sale(till), card_sale(till)
    job = service.reprint(first.id)
    assert job.kind == "copy"
    service.worker.run_pending()
    (copy,) = printer.wait_for("printed", 1)
    assert "R1-000001" in text_of(copy)
    assert "R1-000002" not in text_of(copy)


def test_nothing_to_reprint_on_a_new_till(service: PrintService) -> None:
    with pytest.raises(UserError, match="no sale on this till yet"):
        service.reprint_last()


def test_open_drawer_and_test_page(service: PrintService, printer: FakePrinter) -> None:
    assert service.open_drawer().kind == "drawer"
    assert service.print_test_page().kind == "test"
    assert service.worker.run_pending().printed == 2
    drawer, page = printer.wait_for("printed", 2)
    assert drawer == b"\x1b@\x1bp\x00\x32\x32"
    assert "TEST PAGE" in text_of(page)


def test_status_shows_the_printer_and_the_queue(
    till: TillFixture, service: PrintService, printer: FakePrinter
) -> None:
    printer.mode = "paper-low"
    service.enqueue_receipt(card_sale(till).id)
    status = service.printer_status()
    assert (status.state, status.waiting, status.failed) == (PrinterState.PAPER_LOW, 1, 0)
    assert status.text == "Printer: paper is running low; have a new roll ready (1 waiting)"
    service.worker.run_pending()
    assert service.printer_status(refresh=False).waiting == 0


def test_preview_is_what_will_print(till: TillFixture, service: PrintService) -> None:
    sale = mixed_sale(till)
    shown = service.preview(sale.id)
    assert "Receipt R1-000001" in shown
    assert "barcode R1-000001" in shown
    assert all(len(line) <= 48 for line in shown.splitlines())
    assert "TEST PAGE" in service.preview()


def test_without_a_printer_nothing_is_queued(
    till: TillFixture, tmp_path: Path, clock: ManualClock
) -> None:
    service = print_service(till, tmp_path, "none", clock)
    assert not service.configured
    assert service.enqueue_receipt(mixed_sale(till).id) == ()
    assert service.printer_status().state is PrinterState.NOT_CONFIGURED
    for action in (service.reprint_last, service.open_drawer):
        with pytest.raises(UserError, match="no receipt printer is set up"):
            action()


def test_a_bad_printer_address_is_reported_not_raised(
    till: TillFixture, tmp_path: Path, clock: ManualClock
) -> None:
    service = print_service(till, tmp_path, "lpt1", clock)
    status = service.printer_status()
    assert status.state is PrinterState.UNREACHABLE
    assert "is not a printer address" in status.detail
