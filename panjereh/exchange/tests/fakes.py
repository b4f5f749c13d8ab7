"""A fake provider system: real HTTP on loopback, behaviour chosen per test."""

from __future__ import annotations

import asyncio
import json
import threading
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web


@dataclass
class ProviderScript:
    """What the fake provider does with the next calls: a list of modes, the last one repeats."""

    modes: list[str] = field(default_factory=lambda: ["ok"])
    calls: list[dict[str, Any]] = field(default_factory=list)
    by_path: dict[str, str] = field(default_factory=dict)  # a fixed mode for some paths

    def next_mode(self, path: str) -> str:
        if path in self.by_path:
            return self.by_path[path]
        return self.modes.pop(0) if len(self.modes) > 1 else self.modes[0]


class FakeProvider:
    def __init__(self) -> None:
        self.script = ProviderScript()
        self.loop = asyncio.new_event_loop()
        self.port = 0
        ready = threading.Event()
        self.thread = threading.Thread(target=self._serve, args=(ready,), daemon=True)
        self.thread.start()
        ready.wait(10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def _serve(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self.loop)
        app = web.Application()
        app.router.add_post("/{tail:.*}", self._handle)
        runner = web.AppRunner(app, access_log=None)
        self.loop.run_until_complete(runner.setup())
        site = web.TCPSite(runner, "127.0.0.1", 0)
        self.loop.run_until_complete(site.start())
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        self.runner = runner
        ready.set()
        self.loop.run_forever()

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        self.script.calls.append({"path": request.path, "headers": dict(request.headers), "body": body})
        mode = self.script.next_mode(request.path)
        if mode == "slow":
            await asyncio.sleep(2)
        if mode == "drop":  # the connection closes with no answer at all
            assert request.transport is not None
            request.transport.close()
            raise web.HTTPInternalServerError()  # never written: the connection is gone
        if mode == "500":
            return web.json_response({"error": "boom"}, status=500)
        if mode == "503":
            return web.json_response({"error": "busy"}, status=503)
        if mode == "garbage":
            return web.Response(text="<html>oops", content_type="text/html")
        if mode == "redirect":
            raise web.HTTPTemporaryRedirect(location=f"{self.url}/elsewhere")
        if mode == "bad-shape":
            return web.json_response({"unexpected": True})
        data = json.loads(body)
        return web.json_response({"national_code": data.get("national_code"), "has_record": False, "records": []})

    def reset(self, *modes: str, by_path: dict[str, str] | None = None) -> ProviderScript:
        self.script = ProviderScript(modes=list(modes) or ["ok"], by_path=by_path or {})
        return self.script

    def stop(self) -> None:
        asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(10)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(10)
