"""A fake Kavenegar on loopback: its SMS send API over real HTTP, behaviour chosen per test.

    POST /v1/{API_KEY}/sms/send.json   form: receptor, message[, sender][, localid]
    → 200 {"return": {"status": 200, "message": "تایید شد"},
           "entries": [{"messageid", "message", "status": 1, "statustext", "sender", "receptor", "date", "cost"}]}
    → {"return": {"status": N, "message": "…"}, "entries": null} with HTTP status N, as Kavenegar answers:
      400 missing parameters, 401 account disabled, 403 unknown API key, 418 not enough credit.

`mode` picks the answer to the next requests: "ok", "disabled" (401), "no-credit" (418), "server-error"
(a proxy's 502 page), "garbage" (200 with a body that is not JSON) or "stall" (no answer until the
server stops, for timeouts). Every request that reaches the send route is kept in `received`; the
messages that would reach a phone in `delivered`: a `localid` seen before is answered as it was the
first time, and nothing more is sent (as Kavenegar does).
The server is an aiohttp app on 127.0.0.1 and a random port, in a thread with its own event loop.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from dataclasses import dataclass
from types import TracebackType
from typing import Any

from aiohttp import web

API_KEY = "4F6B2D7A1C9E3B5F8A0D2C4E6B8A1F3D5C7E9B0A2D4F6C8E"  # the shape of a real key, not a real one
DEFAULT_SENDER = "10004346"  # the line Kavenegar uses when a request names none
COST_RIALS = 120
MODES = ("ok", "disabled", "no-credit", "server-error", "garbage", "stall")


@dataclass(frozen=True)
class ReceivedSms:
    api_key: str
    receptor: str
    message: str
    sender: str | None  # None when the request had no sender field
    localid: str | None = None


def _refusal(status: int, message: str) -> web.Response:
    return web.json_response({"return": {"status": status, "message": message}, "entries": None}, status=status)


class FakeKavenegar:
    def __init__(self, api_key: str = API_KEY) -> None:
        self.api_key = api_key
        self.mode = "ok"
        self.received: list[ReceivedSms] = []
        self.delivered: list[ReceivedSms] = []
        self._by_localid: dict[str, list[dict[str, Any]]] = {}
        self._message_ids = itertools.count(8792343)
        self._loop = asyncio.new_event_loop()
        self._release: asyncio.Event | None = None
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._startup_error: BaseException | None = None
        ready = threading.Event()
        self._thread = threading.Thread(target=self._serve, args=(ready,), name="fake-kavenegar", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the fake Kavenegar did not start")
        if self._startup_error is not None:
            self._thread.join(10)
            self._loop.close()
            raise RuntimeError("the fake Kavenegar did not start") from self._startup_error

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def reset(self, mode: str = "ok") -> None:
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; one of {', '.join(MODES)}")
        self.mode = mode
        self.received.clear()
        self.delivered.clear()
        self._by_localid.clear()

    def _serve(self, ready: threading.Event) -> None:
        asyncio.set_event_loop(self._loop)
        try:
            self._release = asyncio.Event()
            app = web.Application()
            app.router.add_post("/v1/{api_key}/sms/send.json", self._send)
            self._runner = web.AppRunner(app, access_log=None, shutdown_timeout=1.0)
            self._loop.run_until_complete(self._runner.setup())
            site = web.TCPSite(self._runner, "127.0.0.1", 0)
            self._loop.run_until_complete(site.start())
            self.port = self._runner.addresses[0][1]
        except BaseException as error:
            self._startup_error = error
            ready.set()
            return
        ready.set()
        self._loop.run_forever()

    async def _send(self, request: web.Request) -> web.StreamResponse:
        form = await request.post()
        api_key = request.match_info["api_key"]
        receptor, message, sender, localid = (form.get(name) for name in ("receptor", "message", "sender", "localid"))
        received = ReceivedSms(
            api_key=api_key,
            receptor=str(receptor or ""),
            message=str(message or ""),
            sender=None if sender is None else str(sender),
            localid=None if localid is None else str(localid),
        )
        self.received.append(received)
        mode = self.mode
        if mode == "stall":
            assert self._release is not None
            await self._release.wait()
            return web.Response(status=503)
        if mode == "server-error":
            return web.Response(status=502, text="<html><body><h1>502 Bad Gateway</h1></body></html>")
        if mode == "garbage":
            return web.Response(text="<html><body>درگاه موقتاً در دسترس نیست</body></html>", content_type="text/html")
        if api_key != self.api_key:
            return _refusal(403, "کد شناسائی API-Key معتبر نمی‌باشد")
        if mode == "disabled":
            return _refusal(401, "حساب کاربری غیرفعال شده است")
        if mode == "no-credit":
            return _refusal(418, "اعتبار حساب شما کافی نیست")
        if not receptor or not message:
            return _refusal(400, "پارامترها ناقص هستند")
        if received.localid is not None and received.localid in self._by_localid:  # sent once per localid
            entries = self._by_localid[received.localid]
            return web.json_response({"return": {"status": 200, "message": "تایید شد"}, "entries": entries})
        entries: list[dict[str, Any]] = [
            {
                "messageid": next(self._message_ids),
                "message": str(message),
                "status": 1,
                "statustext": "در صف ارسال",
                "sender": str(sender or DEFAULT_SENDER),
                "receptor": number.strip(),
                "date": int(time.time()),
                "cost": COST_RIALS,
            }
            for number in str(receptor).split(",")
        ]
        self.delivered.append(received)
        if received.localid is not None:
            self._by_localid[received.localid] = entries
        return web.json_response({"return": {"status": 200, "message": "تایید شد"}, "entries": entries})

    def stop(self) -> None:
        """Let stalled requests go, close the server and end the thread and its loop."""
        if not self._thread.is_alive():
            return
        if self._release is not None:
            self._loop.call_soon_threadsafe(self._release.set)
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    def __enter__(self) -> FakeKavenegar:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.stop()
