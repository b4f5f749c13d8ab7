"""Group commit for the audit log: each call waits until its record is durable, and records that
arrive while a batch is being written go together in the next one (one flush for many calls)."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.db import close_old_connections, connection

MAX_BATCH = 500
# Records waiting at most; past it the database is not keeping up (or is stuck), and a call is
# refused at once (audit_unavailable) rather than holding its request and answer in memory.
MAX_PENDING = 20_000


class AuditBacklog(Exception):
    """Too many records are waiting to be written."""


AppendBatch = Callable[[Sequence[Mapping[str, Any]], bool], list[int]]


class AuditWriter:
    def __init__(self, append_batch: AppendBatch, *, durable: bool = True) -> None:
        self._append_batch = append_batch
        self.durable = durable
        self.max_pending = MAX_PENDING
        self._pending: list[tuple[Mapping[str, Any], asyncio.Future[int]]] = []
        self._wake: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        # One thread, one database connection: the chain is appended in order, batch after batch.
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="audit-writer")

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
        loop = asyncio.get_running_loop()
        assert self._wake is not None
        while True:
            await self._wake.wait()
            self._wake.clear()
            singly = 0  # after a failed batch, its records are retried one by one
            while self._pending:
                size = 1 if singly else MAX_BATCH
                singly = max(0, singly - 1)
                batch, self._pending = self._pending[:size], self._pending[size:]
                try:
                    seqs = await loop.run_in_executor(self._thread, self._write, [entry for entry, _ in batch])
                except Exception as error:
                    if len(batch) > 1:  # one bad record must not sink the others
                        self._pending = batch + self._pending
                        singly = len(batch)
                        continue
                    if not batch[0][1].done():
                        batch[0][1].set_exception(error)
                    continue
                for (_, future), seq in zip(batch, seqs, strict=True):
                    if not future.done():
                        future.set_result(seq)

    async def aclose(self) -> None:
        if self._task is not None:
            self._task.cancel()
        await close_thread_connections(self._thread, 1)

    def _write(self, entries: Sequence[Mapping[str, Any]]) -> list[int]:
        try:
            return self._append_batch(entries, self.durable)
        except Exception:
            close_old_connections()  # a broken connection is replaced on the next batch
            raise


async def close_thread_connections(executor: ThreadPoolExecutor, threads: int) -> None:
    """Close the database connection of each of an executor's threads, then stop them.

    Django's connections belong to their thread; a barrier makes each close run on its own thread.
    """
    barrier = threading.Barrier(threads, timeout=5)

    def close() -> None:
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        connection.close()

    loop = asyncio.get_running_loop()
    await asyncio.gather(*(loop.run_in_executor(executor, close) for _ in range(threads)))
    executor.shutdown(wait=False)
