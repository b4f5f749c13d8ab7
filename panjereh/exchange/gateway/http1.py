"""A lean pooled HTTP/1.1 client for forwarding inquiries: keep-alive connections per origin, a
POST with a JSON body, a whole answer back, and nothing else.

Why not aiohttp: in a profile of the gateway under load, aiohttp's request machinery (timeouts,
cookie jar, tracing hooks, multidict headers, payload objects) took more than a third of the
event loop's time; a forwarded inquiry needs none of it. The wire format is parsed by httptools
(llhttp, the parser Node.js and uvicorn use), so this module only keeps connections and bytes.
bench/exchange.py measures it against aiohttp and httpx in every run.

Errors say what is safe to do next: `ConnectFailed` (nothing was sent), `ConnectionDropped` (a
reused connection closed before any byte of an answer: the provider most likely never read the
request), `ProtocolError` (an answer that is not HTTP, or too big), and `TimeoutError` from the
caller's `asyncio.timeout`.
"""

from __future__ import annotations

import asyncio
import ssl
import time
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

import httptools

IDLE_SECONDS = 30.0  # an idle connection older than this is closed rather than reused
MAX_CONNECTIONS_PER_ORIGIN = 256


class ConnectFailed(OSError):
    """The connection could not be made; nothing was sent."""


class ConnectionDropped(ConnectionError):
    """A reused connection closed before any byte of the answer arrived."""


class ProtocolError(ValueError):
    """What came back is not a well-formed HTTP/1.1 answer, or it is larger than allowed."""


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes


@dataclass(frozen=True)
class Origin:
    scheme: str
    host: str
    port: int
    path: str
    host_header: bytes


@lru_cache(maxsize=1024)
def origin_of(url: str) -> Origin:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"not an http(s) URL: {url!r}")
    port = parts.port or (443 if parts.scheme == "https" else 80)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    default = port == (443 if parts.scheme == "https" else 80)
    host_header = parts.hostname if default else f"{parts.hostname}:{port}"
    return Origin(parts.scheme, parts.hostname, port, path, host_header.encode("idna"))


class _Connection(asyncio.Protocol):
    """One keep-alive connection; answers one request at a time."""

    def __init__(self, max_body: int) -> None:
        self.max_body = max_body
        self.transport: asyncio.Transport | None = None
        self.closed = False
        self.idle_since = time.monotonic()
        self._parser = httptools.HttpResponseParser(self)
        self._waiter: asyncio.Future[Answer] | None = None
        self._chunks: list[bytes] = []
        self._size = 0
        self._received = False

    # asyncio.Protocol
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]  # uvloop's transports do not subclass asyncio's

    def data_received(self, data: bytes) -> None:
        self._received = True
        try:
            self._parser.feed_data(data)
        except httptools.HttpParserError as error:
            self._fail(ProtocolError(str(error)))

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self._received:
            self._fail(ProtocolError("the connection closed in the middle of the answer"))
        else:
            self._fail(ConnectionDropped("the connection closed before an answer"))

    # httptools callbacks
    def on_body(self, body: bytes) -> None:
        self._size += len(body)
        if self._size > self.max_body:
            self._fail(ProtocolError("answer too large"))
            return
        self._chunks.append(body)

    def on_message_complete(self) -> None:
        waiter = self._waiter
        if waiter is None or waiter.done():
            self.close()  # an answer nobody asked for: the connection cannot be trusted
            return
        if not self._parser.should_keep_alive():
            self.close()
        waiter.set_result(Answer(self._parser.get_status_code(), b"".join(self._chunks)))

    # ours
    async def exchange(self, request: bytes) -> Answer:
        assert self.transport is not None
        self._waiter = asyncio.get_running_loop().create_future()
        self._chunks, self._size, self._received = [], 0, False
        self.transport.write(request)
        try:
            return await self._waiter
        finally:
            self._waiter = None
            self.idle_since = time.monotonic()

    def _fail(self, error: Exception) -> None:
        if self._waiter is not None and not self._waiter.done():
            self._waiter.set_exception(error)
        self.close()

    def close(self) -> None:
        self.closed = True
        if self.transport is not None:
            self.transport.close()


class Pool:
    """Keep-alive connections per origin. A connection goes back to the pool only after a whole
    answer that allows keep-alive; a cancelled, timed-out or failed exchange closes it."""

    def __init__(self, max_body: int, ssl_context: ssl.SSLContext | None = None) -> None:
        self.max_body = max_body
        self._ssl = ssl_context
        self._idle: dict[Origin, list[_Connection]] = {}
        self._limits: dict[Origin, asyncio.Semaphore] = {}

    async def post(self, url: str, body: bytes, headers: dict[str, str]) -> Answer:
        origin = origin_of(url)
        request = _request_bytes(origin, body, headers)
        limit = self._limits.get(origin)
        if limit is None:
            limit = self._limits[origin] = asyncio.Semaphore(MAX_CONNECTIONS_PER_ORIGIN)
        async with limit:
            connection = self._take_idle(origin) or await self._connect(origin)
            try:
                answer = await connection.exchange(request)
            except BaseException:
                connection.close()
                raise
            if not connection.closed:
                self._idle.setdefault(origin, []).append(connection)
            return answer

    def _take_idle(self, origin: Origin) -> _Connection | None:
        idle = self._idle.get(origin)
        now = time.monotonic()
        while idle:
            connection = idle.pop()
            if not connection.closed and now - connection.idle_since < IDLE_SECONDS:
                return connection
            connection.close()
        return None

    async def _connect(self, origin: Origin) -> _Connection:
        loop = asyncio.get_running_loop()
        context = None
        if origin.scheme == "https":
            context = self._ssl or ssl.create_default_context()
        try:
            _, connection = await loop.create_connection(
                lambda: _Connection(self.max_body), origin.host, origin.port, ssl=context
            )
        except OSError as error:
            raise ConnectFailed(str(error)) from error
        return connection

    async def close(self) -> None:
        for connections in self._idle.values():
            for connection in connections:
                connection.close()
        self._idle.clear()


def _request_bytes(origin: Origin, body: bytes, headers: dict[str, str]) -> bytes:
    lines = [b"POST ", origin.path.encode("ascii"), b" HTTP/1.1\r\nHost: ", origin.host_header,
             b"\r\nContent-Length: ", str(len(body)).encode(), b"\r\n"]  # fmt: skip
    for name, value in headers.items():
        if "\r" in value or "\n" in value or "\r" in name or "\n" in name:
            raise ValueError("a header may not contain a line break")
        lines += [name.encode("ascii"), b": ", value.encode("utf-8"), b"\r\n"]
    lines += [b"\r\n", body]
    return b"".join(lines)
