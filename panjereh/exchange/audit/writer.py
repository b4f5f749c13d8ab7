"""Group commit for the audit log: each call waits until its record is durable, and records that
arrive while the loop is busy go together in the next batch (one flush for many calls).

The batch's statements run in the event loop's own thread, between two turns of the loop (see
`ChainAppender` for why); waiting for the disk — a durable commit on PostgreSQL, the flush of
SQLite's write-ahead log after the commit — goes on while the loop serves other calls and gathers
the next batch. One flush in flight at a time: the slower the disk, the larger the batch that follows.

The flush of SQLite's log is asked of the kernel through io_uring where it can be
(`panjereh.exchange.audit.ring`): the loop learns it is done as it learns a socket is readable, with
no thread to hand back from. Elsewhere (PostgreSQL's commit, no io_uring, AUDIT_IO_URING=0) a thread
of its own waits for the disk.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

from panjereh.exchange.audit import ring
from panjereh.exchange.audit.store import LOCK_RETRY_SECONDS, LOCK_WAIT_SECONDS

MAX_BATCH = 500
# Records waiting at most; past it the database is not keeping up (or is stuck), and a call is
# refused at once (audit_unavailable) rather than holding its request and answer in memory.
MAX_PENDING = 20_000


class AuditBacklog(Exception):
    """Too many records are waiting to be written."""


class AuditClosed(Exception):
    """The writer closed before the record was written."""


def _answer(futures: Sequence[asyncio.Future[int]], seqs: Sequence[int]) -> None:
    for future, seq in zip(futures, seqs, strict=True):
        if not future.done():
            future.set_result(seq)


def _fail(futures: Sequence[asyncio.Future[int]], error: Exception) -> None:
    for future in futures:
        if not future.done():
            future.set_exception(error)


class Appender(Protocol):
    @property
    def is_open(self) -> bool: ...
    @property
    def durable(self) -> bool: ...
    @property
    def commit_waits_for_disk(self) -> bool: ...
    def open(self) -> None: ...
    def take_turn(self, blocking: bool = True) -> bool: ...  # among the database's writers
    def stage(self, entries: Sequence[Mapping[str, Any]]) -> list[int]: ...
    def commit(self) -> None: ...
    def flush(self) -> None: ...  # durable only after it, unless the commit waits for the disk
    def flush_fd(self) -> int | None: ...  # the file `flush` flushes, for a flush through io_uring
    def abort(self) -> None: ...
    def close(self) -> None: ...
    def is_locked(self, error: Exception) -> bool: ...  # another process holds the chain: try again


class AuditWriter:
    def __init__(self, appender: Appender, *, io_uring: bool = True) -> None:
        self.appender = appender
        self.io_uring = io_uring  # the flush through io_uring where the kernel allows it
        self.max_pending = MAX_PENDING
        self._pending: list[tuple[Mapping[str, Any], asyncio.Future[int]]] = []
        self._wake: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._flusher: ThreadPoolExecutor | None = None  # the durable commit's thread, made at first use
        self._ring: ring.RingFlusher | None = None  # made at the first flush, for the loop it runs in
        self._ring_refused = False  # the kernel said no once: the thread flushes from then on
        # A batch committed, and its flush asked for, from the last flush's completion: the task awaits it.
        self._started: tuple[list[asyncio.Future[int]], asyncio.Future[None]] | None = None

    async def append(self, entry: Mapping[str, Any]) -> int:
        """The record's sequence number, once it is committed."""
        loop = asyncio.get_running_loop()
        if len(self._pending) >= self.max_pending:
            raise AuditBacklog(f"{len(self._pending)} records waiting")
        if self._task is None or self._task.done():
            self._wake = asyncio.Event()
            self._task = loop.create_task(self._run())
        future: asyncio.Future[int] = loop.create_future()
        self._pending.append((entry, future))
        assert self._wake is not None
        self._wake.set()
        return await future

    async def _run(self) -> None:
        assert self._wake is not None
        while True:
            await self._wake.wait()
            self._wake.clear()
            singly = 0  # after a failed batch, its records are retried one by one
            while self._pending or self._started:
                if self._started is not None:  # the batch the last flush's completion committed
                    futures, flushing = self._started
                    self._started = None
                    await self._flushed(futures, flushing)
                    continue
                size = 1 if singly else MAX_BATCH
                singly = max(0, singly - 1)
                batch, self._pending = self._pending[:size], self._pending[size:]
                try:
                    seqs = await self._write([entry for entry, _ in batch])
                except asyncio.CancelledError:  # closing: these calls are answered audit_unavailable
                    _fail([future for _, future in batch], AuditClosed("the audit writer closed"))
                    raise
                except Exception as error:
                    if len(batch) > 1:  # one bad record must not sink the others
                        self._pending = batch + self._pending
                        singly = len(batch)
                        continue
                    if not batch[0][1].done():
                        batch[0][1].set_exception(error)
                    continue
                futures = [future for _, future in batch]
                if self.appender.commit_waits_for_disk or not self.appender.durable:  # nothing to flush apart
                    _answer(futures, seqs)
                    continue
                await self._flushed(futures, self._flush(functools.partial(self._answer_and_go_on, futures, seqs)))

    async def _flushed(self, futures: list[asyncio.Future[int]], flushing: Awaitable[None]) -> None:
        """Committed, the turn given back; durable once the log is on the disk. A failed flush fails
        these calls, never writes them again: their records are in the chain already."""
        try:
            await flushing
        except asyncio.CancelledError:
            _fail(futures, AuditClosed("the audit writer closed"))
            raise
        except Exception as error:
            _fail(futures, error)

    def _answer_and_go_on(self, futures: list[asyncio.Future[int]], seqs: list[int]) -> None:
        """A flush is done: its calls are answered, and where it was learnt in the loop's own turn
        (io_uring), the next batch is committed and its flush asked for in that same turn, a turn
        before the writer's task would (a turn at half load is ~0.15 ms, the whole cycle ~0.85 ms)."""
        _answer(futures, seqs)
        if self._ring is not None and self._started is None:
            self._started = self._start_next_batch(self._ring)

    def _start_next_batch(
        self, uring: ring.RingFlusher
    ) -> tuple[list[asyncio.Future[int]], asyncio.Future[None]] | None:
        """The waiting records committed and their flush asked for now, if nothing has to be waited for
        (the connection open, the writers' turn free, no error); else None and the task does it."""
        if not self._pending or not self.appender.is_open:
            return None
        batch = self._pending[:MAX_BATCH]
        try:
            fd = self.appender.flush_fd()
            if fd is None or not self.appender.take_turn(blocking=False):
                return None
            seqs = self.appender.stage([entry for entry, _ in batch])  # aborts itself on failure
            self._commit()
        except Exception:  # the task writes them the usual way and deals with the error
            return None
        del self._pending[: len(batch)]
        futures = [future for _, future in batch]
        return futures, uring.datasync(fd, functools.partial(self._answer_and_go_on, futures, seqs))

    async def _write(self, entries: Sequence[Mapping[str, Any]]) -> list[int]:
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            if not self.appender.is_open:  # first use, or the last connection broke
                await asyncio.get_running_loop().run_in_executor(None, self.appender.open)
            await self._take_turn()
            try:
                seqs = self.appender.stage(entries)
                break
            except Exception as error:
                if not self.appender.is_locked(error) or time.monotonic() > deadline:
                    raise
            await asyncio.sleep(LOCK_RETRY_SECONDS)  # the loop serves others meanwhile
        if not self.appender.commit_waits_for_disk:  # no wait for the disk: a handover would cost more
            self._commit()
            return seqs
        try:
            await asyncio.get_running_loop().run_in_executor(self._flusher_thread(), self.appender.commit)
        except Exception:  # the commit's thread is done with the connection (cancelled: aclose closes it)
            self.appender.abort()
            raise
        return seqs

    def _commit(self) -> None:
        """The staged batch committed in the loop's thread, or rolled back if that fails."""
        try:
            self.appender.commit()
        except Exception:
            self.appender.abort()
            raise

    async def _flush(self, then: Callable[[], None]) -> None:
        """Flushes the commits made so far; `then` answers their calls once it is done. Through io_uring
        `then` runs in the very turn of the loop that learns it, a turn before this coroutine goes on
        (which would wake the calls a turn later still: at half load a turn is a few tenths of a ms)."""
        loop = asyncio.get_running_loop()
        uring = self._ring_for(loop)
        fd = self.appender.flush_fd() if uring is not None else None
        if uring is None or fd is None:
            await loop.run_in_executor(self._flusher_thread(), self.appender.flush)
            then()
        else:
            await uring.datasync(fd, then)

    def _ring_for(self, loop: asyncio.AbstractEventLoop) -> ring.RingFlusher | None:
        if not self.io_uring or self._ring_refused:
            return None
        if self._ring is None:  # one for the loop the writer's task runs in, until `aclose`
            self._ring = ring.open_flusher(loop)
            self._ring_refused = self._ring is None
        return self._ring

    async def _take_turn(self) -> None:
        """Waits for this writer's turn among the database's writers: in the commit's thread, asleep
        in the kernel, when another has it (polling for it from the loop cost the web process 2 ms
        of CPU per application in the smart-service benchmark: tens of thousands of tries)."""
        if self.appender.take_turn(blocking=False):
            return
        flusher = self._flusher_thread()
        try:
            await asyncio.get_running_loop().run_in_executor(flusher, self.appender.take_turn)
        except asyncio.CancelledError:  # closing: the turn, once it comes, is given back at once
            flusher.submit(self.appender.abort)
            raise

    def _flusher_thread(self) -> ThreadPoolExecutor:
        if self._flusher is None:
            self._flusher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="audit-flush")
        return self._flusher

    async def aclose(self) -> None:
        """Stops writing; calls still waiting for their record get `AuditClosed`. The writer can be
        used again afterwards: its task, thread and connection are made anew."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        started, self._started = self._started, None
        waiting, self._pending = self._pending, []
        closed = AuditClosed("the audit writer closed")
        _fail([future for _, future in waiting] + (started[0] if started else []), closed)
        flusher, self._flusher = self._flusher, None
        if flusher is not None:
            flusher.shutdown(wait=True)  # a commit in flight finishes before its connection closes
        uring, self._ring = self._ring, None
        if uring is not None:
            uring.close()  # a flush in flight goes on in the kernel, which holds its file
        self.appender.close()  # both are made again if the writer is used after this
