"""A lean HTTP/1.1 keep-alive load client for the benchmarks: pre-built request bytes, minimal
response parsing, so on a 2-core machine the client takes as little CPU from the server as it can.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)  # seconds
    statuses: dict[int, int] = field(default_factory=dict)
    elapsed: float = 0.0

    @property
    def count(self) -> int:
        return len(self.latencies)

    @property
    def rps(self) -> float:
        return self.count / self.elapsed if self.elapsed else 0.0

    def percentile_ms(self, fraction: float) -> float:
        if not self.latencies:
            return 0.0
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(fraction * (len(ordered) - 1)))] * 1000


async def _read_response(reader: asyncio.StreamReader) -> int:
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    length = 0
    for line in head.split(b"\r\n"):
        if line[:15].lower() == b"content-length:":
            length = int(line[15:])
    if length:
        await reader.readexactly(length)
    return status


async def closed_loop(port: int, requests: Iterator[bytes], concurrency: int, seconds: float) -> Run:
    """`concurrency` connections, each sending its next request as soon as the last is answered."""
    run = Run()
    stop_at = time.perf_counter() + seconds

    async def worker() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while time.perf_counter() < stop_at:
                request = next(requests)
                started = time.perf_counter()
                writer.write(request)
                status = await _read_response(reader)
                run.latencies.append(time.perf_counter() - started)
                run.statuses[status] = run.statuses.get(status, 0) + 1
        finally:
            writer.close()

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    run.elapsed = time.perf_counter() - started
    return run


async def open_loop(port: int, requests: Iterator[bytes], rate: float, seconds: float, connections: int = 64) -> Run:
    """Requests sent at a fixed rate whatever the answers do; latency counts from the scheduled
    send time, so a slow answer's queueing is not hidden (no coordinated omission).

    The schedule is kept by a thread that sleeps to each send time. The event loop's own timers wake
    on whole milliseconds (epoll's resolution), so at 2,000 req/s they sent the requests two or three
    at a time, up to a millisecond late: a pair arriving together shared one flush of the gateway's
    audit log, and the lag was most of the direct path's p50. The gateway's added p50 came out
    0.8–1.2 ms lower than with each request sent on time (docs/benchmarks.md, 2026-12-04 night)."""
    run = Run()
    queue: asyncio.Queue[float] = asyncio.Queue()
    total = int(rate * seconds)

    async def worker() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            while True:
                scheduled = await queue.get()
                if scheduled < 0:
                    return
                writer.write(next(requests))
                status = await _read_response(reader)
                run.latencies.append(time.perf_counter() - scheduled)
                run.statuses[status] = run.statuses.get(status, 0) + 1
        finally:
            writer.close()

    workers = [asyncio.create_task(worker()) for _ in range(connections)]
    loop = asyncio.get_running_loop()
    started = time.perf_counter()

    def pace() -> None:
        try:
            for n in range(total):
                scheduled = started + n / rate
                delay = scheduled - time.perf_counter()
                if delay > 0:
                    time.sleep(delay)
                loop.call_soon_threadsafe(queue.put_nowait, scheduled)
            for _ in workers:
                loop.call_soon_threadsafe(queue.put_nowait, -1.0)
        except RuntimeError:  # the loop closed: a worker failed and the run is over
            return

    pacer = threading.Thread(target=pace, name="open-loop-pacer", daemon=True)
    pacer.start()
    await asyncio.gather(*workers)
    pacer.join()
    run.elapsed = time.perf_counter() - started
    return run


def cycle_of(make: Callable[[], bytes]) -> Iterator[bytes]:
    while True:
        yield make()
