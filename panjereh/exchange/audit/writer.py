"""Group commit for the audit log: each call waits until its record is durable, and records that
arrive while the writer is busy go together in the next batch (one wait for the disk for many calls).
A record may claim its call's token id (`append_claiming`): the id is inserted in the same transaction
as the record, so one commit makes both durable. If the id was claimed before, by any process, the
record is written as the refusal the caller gave for that case, and the call is answered so.

The batch's statements run in the event loop's own thread, between two turns of the loop (see
`ChainAppender` for why); the durable commit, which waits for the disk, runs in the writer's one
commit thread while the loop serves other calls and gathers the next batch. One commit in flight at a
time: the slower the disk, the larger the batch that follows.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol

from panjereh.exchange.audit.store import LOCK_RETRY_SECONDS, LOCK_WAIT_SECONDS, TokenClaim

MAX_BATCH = 500
# Records waiting at most; past it the database is not keeping up (or is stuck), and a call is
# refused at once (audit_unavailable) rather than holding its request and answer in memory.
MAX_PENDING = 20_000


class AuditBacklog(Exception):
    """Too many records are waiting to be written."""


class AuditClosed(Exception):
    """The writer closed before the record was written."""


def _answer(futures: Sequence[asyncio.Future[Any]], results: Sequence[Any]) -> None:
    for future, result in zip(futures, results, strict=True):
        if not future.done():
            future.set_result(result)


def _fail(futures: Sequence[asyncio.Future[Any]], error: Exception) -> None:
    for future in futures:
        if not future.done():
            future.set_exception(error)


class Appender(Protocol):
    @property
    def is_open(self) -> bool: ...
    @property
    def durable(self) -> bool: ...  # then `commit` waits for the disk
    def open(self) -> None: ...
    def stage(  # records' sequence numbers, and for each whether its claim (if any) was the first
        self, entries: Sequence[Mapping[str, Any]], claims: Sequence[TokenClaim | None] = ()
    ) -> tuple[list[int], list[bool]]: ...
    def commit(self) -> None: ...
    def abort(self) -> None: ...
    def close(self) -> None: ...
    def is_locked(self, error: Exception) -> bool: ...  # another process holds the chain: try again


class AuditWriter:
    def __init__(self, appender: Appender) -> None:
        self.appender = appender
        self.max_pending = MAX_PENDING
        self._pending: list[tuple[Mapping[str, Any], TokenClaim | None, asyncio.Future[tuple[int, bool]]]] = []
        self._wake: asyncio.Event | None = None
        self._task: asyncio.Task[None] | None = None
        self._committer: ThreadPoolExecutor | None = None  # the durable commit's thread, made at first use

    async def append(self, entry: Mapping[str, Any]) -> int:
        """The record's sequence number, once it is committed (durable, unless the appender is not)."""
        seq, _ = await self._queue(entry, None)
        return seq

    async def append_claiming(self, entry: Mapping[str, Any], key: str, refused: Mapping[str, Any]) -> tuple[int, bool]:
        """The record with its token id claimed: (sequence number, whether the id was new). When it
        was not, the record written is `entry` with the `refused` fields."""
        return await self._queue(entry, TokenClaim(key, refused))

    async def _queue(self, entry: Mapping[str, Any], claim: TokenClaim | None) -> tuple[int, bool]:
        loop = asyncio.get_running_loop()
        if len(self._pending) >= self.max_pending:
            raise AuditBacklog(f"{len(self._pending)} records waiting")
        if self._task is None or self._task.done():
            self._wake = asyncio.Event()
            self._task = loop.create_task(self._run())
        future: asyncio.Future[tuple[int, bool]] = loop.create_future()
        self._pending.append((entry, claim, future))
        assert self._wake is not None
        self._wake.set()
        return await future

    async def _run(self) -> None:
        assert self._wake is not None
        while True:
            await self._wake.wait()
            self._wake.clear()
            singly = 0  # after a batch whose statements failed, its records are tried one by one
            while self._pending:
                size = 1 if singly else MAX_BATCH
                singly = max(0, singly - 1)
                batch, self._pending = self._pending[:size], self._pending[size:]
                futures = [future for _, _, future in batch]
                try:
                    seqs, fresh = await self._stage([entry for entry, _, _ in batch], [claim for _, claim, _ in batch])
                except asyncio.CancelledError:  # closing: these calls are answered audit_unavailable
                    _fail(futures, AuditClosed("the audit writer closed"))
                    raise
                except Exception as error:  # nothing was written: one bad record must not sink the others
                    if len(batch) > 1:
                        self._pending = batch + self._pending
                        singly = len(batch)
                    else:
                        _fail(futures, error)
                    continue
                try:
                    await self._commit()
                except asyncio.CancelledError:
                    _fail(futures, AuditClosed("the audit writer closed"))
                    raise
                except Exception as error:  # never tried again: a commit that failed on its way back
                    _fail(futures, error)  # from the database may have been made all the same
                    continue
                _answer(futures, list(zip(seqs, fresh, strict=True)))

    async def _stage(
        self, entries: Sequence[Mapping[str, Any]], claims: Sequence[TokenClaim | None]
    ) -> tuple[list[int], list[bool]]:
        """The batch's statements, in the loop's thread; another writer holding the chain is waited
        for, the loop serving others meanwhile."""
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            if not self.appender.is_open:  # first use, or the last connection broke
                await asyncio.get_running_loop().run_in_executor(None, self.appender.open)
            try:
                return self.appender.stage(entries, claims)
            except Exception as error:
                if not self.appender.is_locked(error) or time.monotonic() > deadline:
                    raise
            await asyncio.sleep(LOCK_RETRY_SECONDS)

    async def _commit(self) -> None:
        """Durable: in the commit thread, which waits for the disk while the loop goes on. Otherwise
        in the loop's thread: with no wait for the disk a handover would cost more than the commit."""
        try:
            if self.appender.durable:
                await asyncio.get_running_loop().run_in_executor(self._commit_thread(), self.appender.commit)
            else:
                self.appender.commit()
        except Exception:  # the commit's thread is done with the connection (cancelled: aclose closes it)
            self.appender.abort()
            raise

    def _commit_thread(self) -> ThreadPoolExecutor:
        if self._committer is None:
            self._committer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="audit-commit")
        return self._committer

    async def aclose(self) -> None:
        """Stops writing; calls still waiting for their record get `AuditClosed`. The writer can be
        used again afterwards: its task, thread and connection are made anew."""
        task, self._task = self._task, None
        if task is not None:
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task
        waiting, self._pending = self._pending, []
        _fail([future for _, _, future in waiting], AuditClosed("the audit writer closed"))
        committer, self._committer = self._committer, None
        if committer is not None:
            committer.shutdown(wait=True)  # a commit in flight finishes before its connection closes
        self.appender.close()  # made again if the writer is used after this
