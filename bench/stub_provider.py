"""A stub provider for bench/exchange.py: raw asyncio HTTP/1.1 keep-alive, a canned 1 KB JSON.

python bench/stub_provider.py PORT
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sys

# About 1 KB, and valid for the response schema the benchmark registers ({"required": ["has_record"]}).
BODY = json.dumps(
    {"national_code": "0499370899", "has_record": False, "records": [], "note": "x" * 920}, separators=(",", ":")
).encode()
RESPONSE = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
    + str(len(BODY)).encode()
    + b"\r\n\r\n"
    + BODY
)


async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            length = 0
            for line in head.split(b"\r\n"):
                if line[:15].lower() == b"content-length:":
                    length = int(line[15:])
            if length:
                await reader.readexactly(length)
            writer.write(RESPONSE)
    except (asyncio.IncompleteReadError, ConnectionError, asyncio.LimitOverrunError):
        pass
    finally:
        writer.close()


async def main(port: int) -> None:
    server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=1024)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(main(int(sys.argv[1])))
