"""Flushing a file to the disk without a thread: `fdatasync` through Linux's io_uring, its completion
read by the event loop (an eventfd the loop watches, like a socket).

Why not a thread: the audit writer's loop is busy most of the time, and a thread back from the disk
has to take the interpreter lock from it before the calls can be answered; on the 2-core machine
that hand-over cost more than the flush itself (docs/benchmarks.md). Through io_uring the kernel
does the flush and the loop notices it between two of its turns.

Where io_uring cannot be had (an older kernel, `kernel.io_uring_disabled`, a container's seccomp
profile that forbids it, the `liburing` package missing), `open_flusher` returns None and the
audit writer keeps its flush thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
from collections.abc import Callable

logger = logging.getLogger(__name__)

try:
    import liburing
except ImportError:  # the thread flushes instead
    liburing = None

QUEUE_DEPTH = 8  # the writer has one flush in flight; room to spare


class RingFlusher:
    """One io_uring for one event loop, used from the loop's thread only."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self._ring = liburing.Ring()
        liburing.io_uring_queue_init(QUEUE_DEPTH, self._ring)
        self._cqe = liburing.Cqe()
        self._waiting: dict[int, tuple[asyncio.Future[None], Callable[[], None] | None]] = {}
        self._last_id = 0
        self._eventfd = -1
        try:
            self._eventfd = os.eventfd(0, os.EFD_NONBLOCK | os.EFD_CLOEXEC)
            liburing.io_uring_register_eventfd(self._ring, self._eventfd)
            loop.add_reader(self._eventfd, self._completed)
        except BaseException:
            self._close_ring()
            raise

    def datasync(self, fd: int, then: Callable[[], None] | None = None) -> asyncio.Future[None]:
        """Done once what was written to `fd` before this call is on the disk; OSError if the disk
        or the kernel refused. `then` is called as soon as the loop learns it is done (not if it failed
        or was cancelled), a turn of the loop earlier than a task awaiting the result goes on."""
        sqe = liburing.io_uring_get_sqe(self._ring)
        if sqe is None:  # never with one flush at a time; a clear error rather than a lost flush
            raise OSError("io_uring: the submission queue is full")
        self._last_id += 1
        liburing.io_uring_prep_fsync(sqe, fd, liburing.IORING_FSYNC_DATASYNC)
        liburing.io_uring_sqe_set_data64(sqe, self._last_id)
        future = self.loop.create_future()
        self._waiting[self._last_id] = (future, then)
        try:
            liburing.io_uring_submit(self._ring)
        except BaseException:
            del self._waiting[self._last_id]
            raise
        return future

    def _completed(self) -> None:
        with contextlib.suppress(BlockingIOError):
            os.eventfd_read(self._eventfd)
        while True:
            try:
                liburing.io_uring_peek_cqe(self._ring, self._cqe)
            except BlockingIOError:  # nothing more has completed
                return
            entry = self._cqe[0]
            request, error = entry.user_data, None
            try:
                _ = entry.res  # liburing raises the request's error (a negative result) as OSError
            except OSError as refused:
                error = refused
            finally:
                liburing.io_uring_cq_advance(self._ring, 1)
            future, then = self._waiting.pop(request, (None, None))
            if future is None or future.done():  # its caller was cancelled meanwhile
                continue
            if error is not None:
                future.set_exception(error)
                continue
            future.set_result(None)  # its awaiting task goes on first in the next turn, then what `then` wakes
            if then is not None:
                try:
                    then()
                except Exception:  # never leave the completions after it unread
                    logger.exception("io_uring: the work after a flush failed")

    def close(self) -> None:
        """Flushes already submitted go on in the kernel (it holds their files); their callers are
        cancelled."""
        for future, _ in self._waiting.values():
            future.cancel()
        self._waiting.clear()
        self._close_ring()

    def _close_ring(self) -> None:
        if self._eventfd >= 0:
            if not self.loop.is_closed():
                self.loop.remove_reader(self._eventfd)
            os.close(self._eventfd)
            self._eventfd = -1
        if self._ring is not None:
            liburing.io_uring_queue_exit(self._ring)
            self._ring = None


def open_flusher(loop: asyncio.AbstractEventLoop) -> RingFlusher | None:
    """A flusher for this loop, or None where io_uring cannot be used here."""
    if liburing is None:
        return None
    try:
        return RingFlusher(loop)
    except (OSError, RuntimeError, NotImplementedError) as error:  # the kernel or its sandbox said no
        logger.info("io_uring unavailable (%s): the audit log is flushed from a thread", error)
        return None
