"""Printer faults never cost a sale: each fault of PRINTING.md against a fake printer on
127.0.0.1, on both database backends.

After each fault the test checks the till's own records: the sale is stored once, the
job is on record (waiting, held or failed) and prints, once, when the printer is back
or on a reprint; and the worker never waits on the printer much longer than its
timeout, while the caller of `wake()` (the UI thread) does not wait at all.
"""

import threading
import time
from pathlib import Path

import pytest

from pos.db.database import Database
from pos.db.models import PrintJob, Sale
from pos.printing.escpos_decode import annotate
from pos.printing.profiles import load_profile
from pos.services.print_thread import PrintQueueThread
from pos.services.print_worker import MAX_ATTEMPTS
from pos.services.printing import PrinterState, PrinterStatus
from tests.factories import ManualClock, TillFixture, row_counts
from tests.fake_printer import closed_port, fake_printer, full_backlog
from tests.print_setup import (
    TIMEOUT,
    card_sale,
    mixed_sale,
    print_service,
    shop_till,
)

SLACK = 1.0
"""Seconds a run may take beyond the timeouts it is allowed (a loaded test machine)."""
FRAME = 0.016


@pytest.fixture
def till(database: Database) -> TillFixture:
    return shop_till(database)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


def jobs(database: Database) -> list[tuple[str, str, int]]:
    """(kind, status, attempts) of every job, oldest first."""
    with database.reader() as uow:
        rows = uow.session.query(PrintJob).order_by(PrintJob.id).all()
        return [(job.kind, job.status, job.attempts) for job in rows]


def receipts_in(printed: list[bytes]) -> list[str]:
    texts = [annotate(job, load_profile("TM-T20II")) for job in printed]
    return [text for text in texts if "[BARCODE" in text]


def timed(action: object) -> float:
    started = time.perf_counter()
    action()  # type: ignore[operator]
    return time.perf_counter() - started


def test_printer_not_listening(till: TillFixture, tmp_path: Path, clock: ManualClock) -> None:
    sale = card_sale(till)
    service = print_service(till, tmp_path, f"tcp://127.0.0.1:{closed_port()}", clock)
    service.enqueue_receipt(sale.id)
    assert timed(service.worker.run_pending) < TIMEOUT + SLACK
    assert jobs(till.database) == [("receipt", "pending", 1)]
    assert "refused the connection" in service.pending_jobs()[0].error
    assert service.printer_status(refresh=False).state is PrinterState.UNREACHABLE
    # before its retry is due, nothing is tried again
    assert service.worker.run_pending().retrying == 0
    for _ in range(MAX_ATTEMPTS - 1):
        clock.advance(seconds=60)
        service.worker.run_pending()
    assert jobs(till.database) == [("receipt", "failed", MAX_ATTEMPTS)]
    assert row_counts(till.database, Sale) == {"sale": 1}
    with fake_printer() as printer:  # the printer is back (at another address)
        back = print_service(till, tmp_path, printer.url, clock)
        job = back.reprint(sale.id)
        assert (job.kind, job.status) == ("receipt", "pending")  # never printed: no COPY
        assert back.worker.run_pending().printed == 1
        (receipt,) = receipts_in(printer.wait_for("printed", 1))
    assert "COPY" not in receipt
    assert "R1-000001" in receipt
    assert row_counts(till.database, Sale) == {"sale": 1}


def test_printer_unreachable_on_the_network(
    till: TillFixture, tmp_path: Path, clock: ManualClock
) -> None:
    """The connection attempt is never answered (SYN dropped): one timeout, not 60 s."""
    with full_backlog() as port:
        service = print_service(till, tmp_path, f"tcp://127.0.0.1:{port}", clock)
        service.enqueue_receipt(mixed_sale(till).id)
        elapsed = timed(service.worker.run_pending)
    assert TIMEOUT <= elapsed < TIMEOUT + SLACK
    assert "did not answer within 0.5 s while connecting" in service.pending_jobs()[1].error
    # the drawer kick is given up, not sent when the printer answers minutes later
    assert jobs(till.database) == [("drawer", "failed", 1), ("receipt", "pending", 1)]


def test_printer_accepts_then_stalls(till: TillFixture, tmp_path: Path,
                                     clock: ManualClock) -> None:
    with fake_printer("stall") as printer:
        service = print_service(till, tmp_path, printer.url, clock)
        service.enqueue_receipt(card_sale(till).id)
        service.enqueue_receipt(card_sale(till).id)
        elapsed = timed(service.worker.run_pending)
        assert printer.printed == []
    assert TIMEOUT <= elapsed < TIMEOUT + SLACK  # one status timeout for the whole run
    assert jobs(till.database) == [("receipt", "pending", 1), ("receipt", "pending", 1)]
    assert "did not answer within 0.5 s" in service.pending_jobs()[0].error
    assert row_counts(till.database, Sale) == {"sale": 2}


def test_connection_dropped_mid_job_prints_the_receipt_again_whole(
    till: TillFixture, tmp_path: Path, clock: ManualClock
) -> None:
    with fake_printer("drop", drop_after=100) as printer:
        service = print_service(till, tmp_path, printer.url, clock)
        service.enqueue_receipt(card_sale(till).id)
        result = service.worker.run_pending()
        assert (result.printed, result.retrying) == (0, 1)
        (truncated,) = printer.wait_for("truncated", 1)
        assert len(truncated) == 100
        assert "dropped the connection" in service.pending_jobs()[0].error
        printer.mode = "ok"
        clock.advance(seconds=2)
        assert service.worker.run_pending().printed == 1
        (whole,) = printer.wait_for("printed", 1)
    assert whole.startswith(truncated)
    assert whole.endswith(b"\x1dV\x01")  # this time with its cut
    assert jobs(till.database) == [("receipt", "done", 1)]


def test_paper_out_before_the_sale_holds_the_job_in_the_queue(
    till: TillFixture, tmp_path: Path, clock: ManualClock
) -> None:
    with fake_printer("paper-out") as printer:
        service = print_service(till, tmp_path, printer.url, clock)
        service.enqueue_receipt(mixed_sale(till).id)
        result = service.worker.run_pending()
        assert (result.waiting, result.printed, result.failed) == (1, 0, 1)
        assert printer.held == []
        assert printer.printed == []
        status = service.printer_status(refresh=False)
        assert status.state is PrinterState.PAPER_OUT
        assert status.text.startswith("Printer: out of paper; load a new roll")
        assert service.worker.run_pending().printed == 0  # still out: still waiting
        printer.load_paper()
        assert service.worker.run_pending().printed == 1
        assert len(receipts_in(printer.wait_for("printed", 1))) == 1
    # the drawer did not spring open when the paper came back
    assert jobs(till.database) == [("drawer", "failed", 1), ("receipt", "done", 0)]
    assert "open it with its key" in service.pending_jobs()[0].error


@pytest.mark.parametrize(("fault", "held_as"), [("paper-out", "held-paper-out"),
                                                ("cover-open", "held-offline")])
def test_a_job_the_printer_holds_is_never_sent_twice(
    till: TillFixture, tmp_path: Path, clock: ManualClock, fault: str, held_as: str
) -> None:
    with fake_printer() as printer:
        service = print_service(till, tmp_path, printer.url, clock)
        service.enqueue_receipt(card_sale(till).id)
        printer.fault_during_job = fault
        result = service.worker.run_pending()
        assert (result.printed, result.held) == (0, 1)
        assert jobs(till.database) == [("receipt", held_as, 0)]
        connections = printer.connections
        for _ in range(3):
            clock.advance(seconds=60)
            service.worker.run_pending()
        assert printer.connections == connections + 3  # status checks only: never resent
        assert len(printer.wait_for("held", 1)) == 1
        printer.load_paper()
        assert service.worker.run_pending().printed == 1  # held counts as printed now
        assert len(receipts_in(printer.wait_for("printed", 1))) == 1
    assert jobs(till.database) == [("receipt", "done", 0)]
    assert service.pending_jobs() == ()


def test_status_polling_sees_paper_loaded(till: TillFixture, tmp_path: Path,
                                          clock: ManualClock) -> None:
    with fake_printer("paper-low") as printer:
        service = print_service(till, tmp_path, printer.url, clock)
        assert service.worker.check_status().state is PrinterState.PAPER_LOW
        printer.mode = "ok"
        assert service.printer_status().state is PrinterState.ONLINE


def test_the_ui_never_waits_for_a_stalled_printer(
    till: TillFixture, tmp_path: Path, clock: ManualClock
) -> None:
    statuses: list[PrinterStatus] = []
    reported = threading.Event()

    def report(status: PrinterStatus) -> None:
        statuses.append(status)
        reported.set()

    with fake_printer("stall") as printer:
        service = print_service(till, tmp_path, printer.url, clock)
        service.enqueue_receipt(card_sale(till).id)
        thread = PrintQueueThread(service, on_status=report, idle_poll=60, busy_poll=60)
        thread.start()
        try:
            assert timed(thread.wake) < FRAME  # while the thread waits on the printer
            assert reported.wait(TIMEOUT + SLACK), "the printer thread never reported"
        finally:
            assert thread.stop(timeout=TIMEOUT + SLACK)
    assert statuses[0].state is PrinterState.UNREACHABLE
    assert statuses[0].waiting == 1
    assert "did not answer within 0.5 s" in statuses[0].detail


def test_the_printer_thread_prints_what_is_queued(
    till: TillFixture, tmp_path: Path, clock: ManualClock
) -> None:
    with fake_printer() as printer:
        service = print_service(till, tmp_path, printer.url, clock)
        thread = PrintQueueThread(service, idle_poll=60)
        thread.start()
        try:
            service.enqueue_receipt(mixed_sale(till).id)
            thread.wake()
            assert len(printer.wait_for("printed", 2)) == 2
        finally:
            assert thread.stop(timeout=5)
    assert not thread.running


def test_a_job_left_printing_by_a_crash_is_kept_for_a_reprint(
    till: TillFixture, tmp_path: Path, clock: ManualClock
) -> None:
    with fake_printer() as printer:
        service = print_service(till, tmp_path, printer.url, clock)
        sale = card_sale(till)
        service.enqueue_receipt(sale.id)
        with till.database.writer() as uow:
            uow.session.query(PrintJob).update({"status": "printing"})
            uow.commit()
        assert service.worker.recover() == 1
        assert jobs(till.database) == [("receipt", "failed", 0)]
        assert "reprint it if it did not come out" in service.pending_jobs()[0].error
        assert service.worker.run_pending().status is None  # failed jobs are not resent
        assert service.retry_failed() == 1
        assert service.worker.run_pending().printed == 1
        assert len(printer.wait_for("printed", 1)) == 1


def test_a_drawer_kick_too_late_is_dropped(till: TillFixture, tmp_path: Path,
                                           clock: ManualClock) -> None:
    with fake_printer() as printer:
        service = print_service(till, tmp_path, printer.url, clock)
        service.open_drawer()
        clock.advance(seconds=20)
        result = service.worker.run_pending()
        assert (result.printed, result.failed) == (0, 1)
        assert printer.printed == []
    assert "too late to open the drawer" in service.pending_jobs()[0].error


def test_unknown_profile_keeps_the_sale_and_the_job(
    till: TillFixture, tmp_path: Path, clock: ManualClock
) -> None:
    with fake_printer() as printer:
        wrong = print_service(till, tmp_path, printer.url, clock, profile="TM-T88X")
        sale = mixed_sale(till)
        jobs_made = wrong.enqueue_receipt(sale.id)
        assert [(job.kind, job.status) for job in jobs_made] == [("drawer", "failed"),
                                                                 ("receipt", "failed")]
        assert "unknown printer profile 'TM-T88X'" in jobs_made[1].error
        assert "unknown printer profile" in wrong.printer_status().detail
        assert row_counts(till.database, Sale) == {"sale": 1}
        fixed = print_service(till, tmp_path, printer.url, clock)
        job = fixed.reprint(sale.id)
        assert (job.kind, job.status) == ("receipt", "pending")
        assert fixed.worker.run_pending().printed == 1
        assert len(receipts_in(printer.wait_for("printed", 1))) == 1


def test_an_unprintable_logo_does_not_stop_the_receipt(
    till: TillFixture, tmp_path: Path, clock: ManualClock
) -> None:
    (tmp_path / "receipt-logo.png").write_bytes(b"GIF89a this is not really an image")
    with fake_printer() as printer:
        service = print_service(till, tmp_path, printer.url, clock)
        service.enqueue_receipt(card_sale(till).id)
        assert service.worker.run_pending().printed == 1
        (receipt,) = receipts_in(printer.wait_for("printed", 1))
    assert "[RASTER IMAGE" not in receipt
