"""The gateway's forwarding pool against a raw HTTP/1.1 server on loopback that answers as each
test scripts it: keep-alive, chunked, oversized, garbage, dropped and closed connections."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Awaitable, Callable

import pytest

from panjereh.exchange.gateway import http1

OK = b'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"ok":true}'
Script = Callable[[int, bytes], Awaitable[bytes | None]]  # (connection number, request) -> answer; None: close


class Close(bytes):
    """An answer after which the server closes the connection."""


class RawServer:
    def __init__(self, script: Script) -> None:
        self.script = script
        self.connections = 0
        self.requests: list[bytes] = []

    async def __aenter__(self) -> RawServer:
        self.server = await asyncio.start_server(self._handle, "127.0.0.1", 0)
        self.port = self.server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.server.close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/registry/person?v=1"

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        number = self.connections
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.lower().split(b"\r\n")
                length = next(int(line[15:]) for line in lines if line.startswith(b"content-length:"))
                request = head + await reader.readexactly(length)
                self.requests.append(request)
                answer = await self.script(number, request)
                if answer is None:
                    break
                writer.write(answer)
                await writer.drain()
                if isinstance(answer, Close):
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        writer.close()


def run(coroutine: Awaitable[None]) -> None:
    asyncio.run(coroutine)  # type: ignore[arg-type]


async def ok(number: int, request: bytes) -> bytes:
    return OK


def test_connections_are_kept_alive_and_the_request_is_exactly_what_was_given() -> None:
    async def scenario() -> None:
        async with RawServer(ok) as server:
            pool = http1.Pool(max_body=1000)
            for _ in range(3):
                answer = await pool.post(server.url, b'{"a":1}', {"Content-Type": "application/json", "X-Purpose": "p"})
                assert (answer.status, answer.body) == (200, b'{"ok":true}')
            await pool.close()
        assert server.connections == 1
        assert server.requests[0] == (
            b"POST /registry/person?v=1 HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nContent-Length: 7\r\n"
            b'Content-Type: application/json\r\nX-Purpose: p\r\n\r\n{"a":1}' % server.port
        )

    run(scenario())


def test_a_chunked_answer_is_put_together() -> None:
    async def chunked(number: int, request: bytes) -> bytes:
        return b'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{"a"\r\n3\r\n:1}\r\n0\r\n\r\n'

    async def scenario() -> None:
        async with RawServer(chunked) as server:
            pool = http1.Pool(max_body=1000)
            assert (await pool.post(server.url, b"{}", {})).body == b'{"a":1}'
            assert (await pool.post(server.url, b"{}", {})).body == b'{"a":1}'
        assert server.connections == 1

    run(scenario())


@pytest.mark.parametrize(
    "answer",
    [
        b"<html>this is not HTTP</html>\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 5000\r\n\r\n" + b"x" * 5000,  # over max_body
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2000\r\n" + b"x" * 0x2000 + b"\r\n0\r\n\r\n",
    ],
    ids=["garbage", "too-long", "too-long-chunked"],
)
def test_garbage_and_oversized_answers_are_protocol_errors_and_the_connection_is_not_kept(answer: bytes) -> None:
    async def bad(number: int, request: bytes) -> bytes:
        return answer if number == 1 else OK

    async def scenario() -> None:
        async with RawServer(bad) as server:
            pool = http1.Pool(max_body=1000)
            with pytest.raises(http1.ProtocolError):
                await pool.post(server.url, b"{}", {})
            assert (await pool.post(server.url, b"{}", {})).status == 200  # on a new connection
            assert server.connections == 2

    run(scenario())


def test_an_answer_cut_short_is_a_protocol_error() -> None:
    async def cut(number: int, request: bytes) -> bytes | None:
        return Close(b'HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n{"half":') if number == 1 else OK

    async def scenario() -> None:
        async with RawServer(cut) as server:
            pool = http1.Pool(max_body=1000)
            with pytest.raises(http1.ProtocolError):
                await pool.post(server.url, b"{}", {})
            assert (await pool.post(server.url, b"{}", {})).status == 200

    run(scenario())


def test_a_connection_the_server_closed_while_idle_is_not_reused() -> None:
    async def once_then_close(number: int, request: bytes) -> bytes:
        return OK.replace(b"Content-Type", b"Connection: close\r\nContent-Type") if number == 1 else OK

    async def scenario() -> None:
        async with RawServer(once_then_close) as server:
            pool = http1.Pool(max_body=1000)
            assert (await pool.post(server.url, b"{}", {})).status == 200
            assert (await pool.post(server.url, b"{}", {})).status == 200
            assert server.connections == 2

    run(scenario())


def test_a_reused_connection_closed_without_an_answer_is_a_dropped_connection() -> None:
    answered = 0

    async def drop_second(number: int, request: bytes) -> bytes | None:
        nonlocal answered
        answered += 1
        return None if answered == 2 else OK

    async def scenario() -> None:
        async with RawServer(drop_second) as server:
            pool = http1.Pool(max_body=1000)
            assert (await pool.post(server.url, b"{}", {})).status == 200
            with pytest.raises(http1.ConnectionDropped):
                await pool.post(server.url, b"{}", {})

    run(scenario())


def test_nobody_listening_is_a_failed_connect() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]

    async def scenario() -> None:
        with pytest.raises(http1.ConnectFailed):
            await http1.Pool(max_body=1000).post(f"http://127.0.0.1:{port}/x", b"{}", {})

    run(scenario())


def test_a_timed_out_exchange_closes_its_connection() -> None:
    async def slow(number: int, request: bytes) -> bytes:
        if number == 1:
            await asyncio.sleep(1)
        return OK

    async def scenario() -> None:
        async with RawServer(slow) as server:
            pool = http1.Pool(max_body=1000)
            with pytest.raises(TimeoutError):
                async with asyncio.timeout(0.05):
                    await pool.post(server.url, b"{}", {})
            assert (await pool.post(server.url, b"{}", {})).status == 200
            assert server.connections == 2  # the late answer never reaches the next caller

    run(scenario())


def test_a_header_with_a_line_break_is_refused_before_anything_is_sent() -> None:
    async def scenario() -> None:
        async with RawServer(ok) as server:
            with pytest.raises(ValueError, match="line break"):
                await http1.Pool(max_body=1000).post(server.url, b"{}", {"X-Purpose": "a\r\nX-Evil: 1"})
        assert server.requests == []

    run(scenario())


def test_origins() -> None:
    assert http1.origin_of("https://registry.example/api") == http1.Origin(
        "https", "registry.example", 443, "/api", b"registry.example"
    )
    assert http1.origin_of("http://127.0.0.1:8100").path == "/"
    assert http1.origin_of("http://127.0.0.1:8100/a?b=c").host_header == b"127.0.0.1:8100"
    with pytest.raises(ValueError):
        http1.origin_of("ftp://registry.example/")
