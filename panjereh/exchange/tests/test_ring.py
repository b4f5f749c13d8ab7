"""The audit log's flush through io_uring: done by the kernel, read by the event loop."""

from __future__ import annotations

import asyncio
import errno
import os
from pathlib import Path
from typing import Any

import pytest

from panjereh.exchange.audit import ring

needs_liburing = pytest.mark.skipif(ring.liburing is None, reason="liburing has wheels for Linux on x86_64 only")


def in_a_loop(scenario: Any) -> Any:
    async def run() -> Any:
        flusher = ring.open_flusher(asyncio.get_running_loop())
        assert flusher is not None, "io_uring is available on the machines this project runs on"
        try:
            return await scenario(flusher)
        finally:
            flusher.close()

    return asyncio.run(run())


@needs_liburing
def test_a_flush_completes_in_the_loop_and_the_loop_turns_meanwhile(tmp_path: Path) -> None:
    fd = os.open(tmp_path / "log", os.O_WRONLY | os.O_CREAT)

    async def scenario(flusher: ring.RingFlusher) -> tuple[list[None], int]:
        turns = 0

        async def turning() -> None:
            nonlocal turns
            while True:
                turns += 1
                await asyncio.sleep(0)

        spinner = asyncio.ensure_future(turning())
        done = []
        for _ in range(20):
            os.write(fd, b"x" * 4096)
            done.append(await flusher.datasync(fd))
        spinner.cancel()
        return done, turns

    try:
        done, turns = in_a_loop(scenario)
    finally:
        os.close(fd)
    assert done == [None] * 20 and turns > 0


@needs_liburing
def test_a_flush_the_kernel_refuses_raises_its_error() -> None:
    read_end, write_end = os.pipe()  # a pipe cannot be flushed to a disk

    called: list[str] = []

    async def scenario(flusher: ring.RingFlusher) -> OSError:
        with pytest.raises(OSError) as refused:
            await flusher.datasync(read_end, lambda: called.append("then"))
        os.write(write_end, b"x")  # the flusher goes on working after a refusal
        return refused.value

    try:
        error = in_a_loop(scenario)
    finally:
        os.close(read_end)
        os.close(write_end)
    assert error.errno == errno.EINVAL
    assert called == []  # what answers the calls is not called for a flush that failed


@needs_liburing
def test_what_follows_a_flush_runs_in_the_turn_that_learns_of_it_before_the_awaiting_task(tmp_path: Path) -> None:
    fd = os.open(tmp_path / "log", os.O_WRONLY | os.O_CREAT)

    async def scenario(flusher: ring.RingFlusher) -> list[str]:
        order: list[str] = []
        for _ in range(3):
            os.write(fd, b"x" * 4096)
            await flusher.datasync(fd, lambda: order.append("then"))
            order.append("awaited")
        return order

    try:
        assert in_a_loop(scenario) == ["then", "awaited"] * 3
    finally:
        os.close(fd)


@needs_liburing
def test_closing_cancels_the_callers_still_waiting(tmp_path: Path) -> None:
    fd = os.open(tmp_path / "log", os.O_WRONLY | os.O_CREAT)

    async def scenario() -> bool:
        flusher = ring.open_flusher(asyncio.get_running_loop())
        assert flusher is not None
        os.write(fd, b"x")
        waiting = flusher.datasync(fd)
        flusher.close()
        return waiting.cancelled()

    try:
        assert asyncio.run(scenario())
    finally:
        os.close(fd)


def test_without_liburing_there_is_no_flusher(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ring, "liburing", None)

    async def scenario() -> object:
        return ring.open_flusher(asyncio.get_running_loop())

    assert asyncio.run(scenario()) is None


@needs_liburing
def test_where_the_kernel_forbids_io_uring_there_is_no_flusher(monkeypatch: pytest.MonkeyPatch) -> None:
    def forbidden(*_: object) -> None:
        raise PermissionError(errno.EPERM, "Operation not permitted")  # a seccomp profile, io_uring_disabled

    monkeypatch.setattr(ring.liburing, "io_uring_queue_init", forbidden)

    async def scenario() -> object:
        return ring.open_flusher(asyncio.get_running_loop())

    assert asyncio.run(scenario()) is None


@needs_liburing
def test_work_after_a_flush_that_fails_leaves_the_other_completions_read(tmp_path: Path) -> None:
    fd = os.open(tmp_path / "log", os.O_WRONLY | os.O_CREAT)

    def broken() -> None:
        raise RuntimeError("a bug in what follows the flush")

    async def scenario(flusher: ring.RingFlusher) -> list[str]:
        called: list[str] = []
        os.write(fd, b"x" * 4096)
        first = flusher.datasync(fd, broken)
        second = flusher.datasync(fd, lambda: called.append("second"))
        await asyncio.wait_for(asyncio.gather(first, second), 5)
        return called

    try:
        assert in_a_loop(scenario) == ["second"]
    finally:
        os.close(fd)
