"""A raw-TCP ESC/POS printer on 127.0.0.1 for tests, with the faults PRINTING.md measured.

It answers DLE EOT 1/2/4 status queries with the bytes a real printer sends in each
condition, keeps what it receives per connection as a job, and "prints" a job when
the connection ends, unless it is out of paper or its cover is open: then it holds
the job until `load_paper()` / `close_cover()`, as a real printer does.

Modes: "ok", "paper-low", "paper-out", "cover-open", "stall" (accepts, never reads
or answers), "drop" (closes with a reset after `drop_after` bytes of a job). Set
`fault_during_job` to "paper-out" or "cover-open" to have it happen while the next
job arrives.
"""

import socket
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

STATUS_REPLIES = {
    # mode: (DLE EOT 1, DLE EOT 2, DLE EOT 4)
    "ok": (0x12, 0x12, 0x12),
    "paper-low": (0x12, 0x12, 0x1E),
    "paper-out": (0x1A, 0x32, 0x7E),
    "cover-open": (0x1A, 0x16, 0x12),
    "drop": (0x12, 0x12, 0x12),
}
HOLDING_MODES = ("paper-out", "cover-open")
DLE_EOT = b"\x10\x04"
WAIT = 5.0
"""Seconds a test waits for the printer to have handled what it was sent."""


class FakePrinter:
    def __init__(self, mode: str = "ok", *, drop_after: int = 100) -> None:
        self.mode = mode
        self.drop_after = drop_after
        self.fault_during_job: str | None = None
        self.printed: list[bytes] = []
        self.held: list[bytes] = []
        self.truncated: list[bytes] = []
        self.connections = 0
        self._changed = threading.Condition()
        self._stop = threading.Event()
        self._server = socket.create_server(("127.0.0.1", 0))
        self._server.settimeout(0.1)
        self.port = self._server.getsockname()[1]
        self._threads: list[threading.Thread] = []

    @property
    def url(self) -> str:
        return f"tcp://127.0.0.1:{self.port}"

    def start(self) -> None:
        self._spawn(self._accept_loop)

    def stop(self) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(WAIT)
        self._server.close()

    def load_paper(self) -> None:
        """The held jobs print, and the printer is ready again."""
        self._recover()

    def close_cover(self) -> None:
        self._recover()

    def wait_for(self, what: str, count: int) -> list[bytes]:
        """The list `what` ("printed", "held", "truncated") once it has `count` jobs."""
        with self._changed:
            if not self._changed.wait_for(lambda: len(getattr(self, what)) >= count, WAIT):
                raise AssertionError(f"the fake printer never had {count} {what} job(s)")
            return list(getattr(self, what))

    def _recover(self) -> None:
        with self._changed:
            self.mode = "ok"
            self.printed.extend(self.held)
            self.held.clear()
            self._changed.notify_all()

    def _spawn(self, target: object, *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)  # type: ignore[arg-type]
        self._threads.append(thread)
        thread.start()

    def _accept_loop(self) -> None:
        while not self._stop.is_set():
            try:
                connection, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with self._changed:
                self.connections += 1
            self._spawn(self._serve, connection)

    def _serve(self, connection: socket.socket) -> None:
        with connection:
            if self.mode == "stall":
                self._stop.wait()
                return
            connection.settimeout(0.05)
            job = bytearray()
            buffer = b""
            while not self._stop.is_set():
                try:
                    chunk = connection.recv(4096)
                except TimeoutError:
                    continue
                except OSError:
                    break
                if not chunk:
                    break
                buffer += chunk
                if self.mode == "drop" and len(job) + len(buffer) >= self.drop_after:
                    self._reset(connection, bytes(job + buffer)[: self.drop_after])
                    return
                buffer = self._answer_queries(connection, buffer, job)
            job.extend(buffer)
            self._finish(bytes(job))

    def _answer_queries(self, connection: socket.socket, buffer: bytes, job: bytearray) -> bytes:
        """Answer each complete DLE EOT n in `buffer`; the rest is job data. Returns what
        may still be the start of a query."""
        while True:
            index = buffer.find(DLE_EOT)
            if index < 0 or index + 2 >= len(buffer):
                keep = index if index >= 0 else len(buffer)
                job.extend(buffer[:keep])
                return buffer[keep:]
            job.extend(buffer[:index])
            if job and self.fault_during_job:
                with self._changed:
                    self.mode, self.fault_during_job = self.fault_during_job, None
            n = buffer[index + 2]
            replies = STATUS_REPLIES[self.mode]
            connection.sendall(bytes([replies[{1: 0, 2: 1, 4: 2}[n]]]))
            buffer = buffer[index + 3 :]

    def _finish(self, job: bytes) -> None:
        if not job:
            return
        with self._changed:
            (self.held if self.mode in HOLDING_MODES else self.printed).append(job)
            self._changed.notify_all()

    def _reset(self, connection: socket.socket, received: bytes) -> None:
        connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        with self._changed:
            self.truncated.append(received)
            self._changed.notify_all()


@contextmanager
def fake_printer(mode: str = "ok", **options: int) -> Iterator[FakePrinter]:
    printer = FakePrinter(mode, **options)
    printer.start()
    try:
        yield printer
    finally:
        printer.stop()


def closed_port() -> int:
    """A port on 127.0.0.1 with nothing listening (connections are refused)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def full_backlog() -> Iterator[int]:
    """A port whose listen queue is full, so new connections are never answered (the SYN
    is dropped), like a printer that is switched off on the far side of a switch."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(0)
    port = server.getsockname()[1]
    fillers = []
    try:
        for _ in range(3):
            filler = socket.socket()
            filler.setblocking(False)
            with suppress(BlockingIOError):
                filler.connect(("127.0.0.1", port))
            fillers.append(filler)
        yield int(port)
    finally:
        for filler in fillers:
            filler.close()
        server.close()
