"""Writing an import in chunks, each committed on its own.

An import stopped half-way (power cut, Ctrl+C, a crash, or cancelled: `cancel` is looked
at before each chunk) keeps the chunks it finished, each whole; importing the file again
skips what is there and carries on. A dry run writes every chunk into one transaction
that is rolled back at the end, so its counts are exactly what a real import would write.
"""

import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from types import TracebackType
from typing import Self, TypeVar

from pos.db.database import Database
from pos.db.uow import SqlAlchemyUnitOfWork
from pos.domain.errors import UserError

T = TypeVar("T")
Progress = Callable[[str, int, int], None]
"""Called as (stage, done, total) after each chunk: "products", "customers", "sales"."""


class ImportCancelledError(UserError):
    """The import stopped before its next chunk because it was cancelled."""

    def __init__(self, *, dry_run: bool) -> None:
        super().__init__(
            "the import was cancelled; it was a dry run, so nothing was written" if dry_run
            else "the import was cancelled; what was written is kept: start the same import "
                 "again to finish it"
        )


def no_progress(stage: str, done: int, total: int) -> None:
    del stage, done, total


def chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


class Batches:
    """Hands out a unit of work per chunk; use as a context manager around the import."""

    def __init__(self, database: Database, *, dry_run: bool) -> None:
        self._database = database
        self.dry_run = dry_run
        self._outer: SqlAlchemyUnitOfWork | None = None

    def __enter__(self) -> Self:
        if self.dry_run:
            self._outer = self._database.writer().__enter__()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if self._outer is not None:
            self._outer.__exit__(exc_type, exc, tb)  # never committed: rolled back
            self._outer = None

    @contextmanager
    def chunk(self) -> Iterator[SqlAlchemyUnitOfWork]:
        """A unit of work for one chunk, committed when the block ends without error."""
        if self._outer is not None:
            yield self._outer
            self._outer.session.flush()
            return
        with self._database.writer() as uow:
            yield uow
            uow.commit()


@dataclass(frozen=True)
class ImportContext:
    """What every importer works with."""

    batches: Batches
    now: datetime
    progress: Progress
    chunk_size: int
    cancel: threading.Event | None = None
    """Set (from another thread) to stop the import before its next chunk."""

    def check_cancelled(self) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise ImportCancelledError(dry_run=self.batches.dry_run)


class ChunkedImporter:
    """Base of the importers: writes its items a chunk (one transaction) at a time."""

    def __init__(self, context: ImportContext) -> None:
        self.context = context

    def each_chunk(
        self, stage: str, items: Sequence[T], size_of: Callable[[T], int] = lambda _: 1
    ) -> Iterator[tuple[SqlAlchemyUnitOfWork, Sequence[T]]]:
        """Each chunk of `items` with its unit of work, committed when the loop body is
        done with it; progress is reported as `stage`, in `size_of` units (file rows)."""
        total, done = sum(size_of(item) for item in items), 0
        for chunk in chunks(items, self.context.chunk_size):
            self.context.check_cancelled()
            with self.context.batches.chunk() as uow:
                yield uow, chunk
            done += sum(size_of(item) for item in chunk)
            self.context.progress(stage, done, total)
