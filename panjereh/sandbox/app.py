"""The sandbox as a raw ASGI application: a tiny router over the simulated agencies.

No framework and no database: the routes are a dict from path to ``{method: endpoint}``
built from the agency registry, every answer is JSON (except the deliberate garbage of the
``garbage_rate`` knob), and nothing a client sends can make it crash — an unexpected
exception becomes a 500 envelope. ``app`` reads ``SANDBOX_SEED`` and ``SANDBOX_FAULTS`` when
this module is imported; tests build their own with ``SandboxApp(seed=..., faults=...)``.
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Awaitable, Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any
from urllib.parse import parse_qsl

from . import bank as sandbox_bank
from .agencies import AGENCIES
from .faults import TIMEOUT_SECONDS, FaultBoard, parse_faults_env, parse_seed_env
from .forwarded import PATH as FORWARD_PATH
from .forwarded import ForwardReceiver
from .protocol import MAX_BODY_BYTES, Agency, ApiError, JSONObject, Service, decode_object, encode, validate
from .window import CSP, PREFIX, STYLE, AgencyWindow, Page, parse_cookies

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

logger = logging.getLogger(__name__)

# What a broken agency system answers with the `garbage_rate` knob: a proxy's error page,
# still labelled application/json, so a client cannot skip parsing by trusting the header.
GARBAGE = b"<html><body><h1>oops</h1>upstream error</body></html>"
SIMULATED_ERROR = "خطای شبیه‌سازی‌شده: سامانه دستگاه با خطا روبه‌رو شد."


@dataclass
class Reply:
    status: int
    body: bytes
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)

    @classmethod
    def json(cls, status: int, value: object) -> Reply:
        return cls(status, encode(value))

    @classmethod
    def error(cls, error: ApiError) -> Reply:
        return cls(error.status, encode(error.body()))

    @classmethod
    def page(cls, page: Page) -> Reply:
        """A page of the demo agency window: HTML under a strict CSP, never cached."""
        headers = [
            (b"content-type", b"text/html; charset=utf-8"),
            (b"content-security-policy", CSP.encode("ascii")),
            (b"cache-control", b"no-store"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-content-type-options", b"nosniff"),
        ]
        headers += [(name.encode("ascii"), value.encode("utf-8")) for name, value in page.headers]
        return cls(page.status, page.html.encode("utf-8"), headers)


class Disconnected(Exception):
    """The client went away before its request body was read."""


class Request:
    def __init__(self, scope: Scope, receive: Receive) -> None:
        self.method: str = scope["method"]
        self.path: str = scope["path"]
        self.headers: Iterable[tuple[bytes, bytes]] = scope.get("headers") or ()
        self.query_string: bytes = scope.get("query_string") or b""
        self.receive = receive

    @property
    def query(self) -> dict[str, str]:
        """The query's parameters (the last of a repeated name wins)."""
        return dict(parse_qsl(self.query_string.decode("utf-8", errors="replace")))

    @property
    def host(self) -> str:
        return (self.header(b"host") or b"127.0.0.1").decode("latin-1")

    def header(self, name: bytes) -> bytes | None:
        return next((value for key, value in self.headers if key.lower() == name), None)

    async def body(self) -> bytes:
        """The whole body, read chunk by chunk; ``ApiError`` 413 once it passes 1 MB."""
        declared = self.header(b"content-length")
        if declared is not None and declared.isdigit() and (len(declared) > 9 or int(declared) > MAX_BODY_BYTES):
            raise ApiError(413, "payload_too_large")
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await self.receive()
            if message["type"] == "http.disconnect":
                raise Disconnected
            chunk = bytes(message.get("body", b""))
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise ApiError(413, "payload_too_large")
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def json_object(self) -> JSONObject:
        return decode_object(await self.body())


Endpoint = Callable[[Request], Awaitable[Reply]]


class SandboxApp:
    """The ASGI callable; all state (the fault knobs) lives in this object."""

    def __init__(
        self,
        *,
        seed: int | None = None,
        faults: Mapping[str, object] | None = None,
        timeout_seconds: float = TIMEOUT_SECONDS,
        agencies: Iterable[Agency] = AGENCIES,
        window: AgencyWindow | None = None,
        receiver: ForwardReceiver | None = None,
    ) -> None:
        """``seed`` and ``faults`` default to ``SANDBOX_SEED`` and ``SANDBOX_FAULTS``; ``window`` (the demo
        agency window under /agency-window/) to one configured from ``SANDBOX_OIDC_*``; ``receiver`` (the power
        distributor's system taking forwarded applications) to one configured from ``SANDBOX_PLATFORM_*``."""
        self.window = window if window is not None else AgencyWindow.from_env()
        self.receiver = receiver if receiver is not None else ForwardReceiver.from_env()
        self.agencies = {agency.slug: agency for agency in agencies}
        if seed is None:
            seed = parse_seed_env(os.environ.get("SANDBOX_SEED"))
        if faults is None:
            faults = parse_faults_env(os.environ.get("SANDBOX_FAULTS"))
        self.faults = FaultBoard(self.agencies, seed, timeout_seconds)
        self.faults.load(faults)
        self.routes: dict[str, dict[str, Endpoint]] = {
            "/": {"GET": self.index},
            "/healthz": {"GET": self.health},
            "/_faults": {"GET": self.show_faults, "DELETE": self.reset_faults},
            f"{PREFIX}/": {"GET": self.window_index},
            f"{PREFIX}/login": {"GET": self.window_login},
            f"{PREFIX}/callback": {"GET": self.window_callback},
            f"{PREFIX}/style.css": {"GET": self.window_style},
        }
        for agency in self.agencies.values():
            self.routes[f"/_faults/{agency.slug}"] = {"PUT": partial(self.set_faults, agency)}
            for service in agency.services:
                self.routes[f"/{agency.slug}/{service.name}"] = {"POST": partial(self.inquire, agency, service)}
        if "energy" in self.agencies:
            self.routes[FORWARD_PATH] = {"POST": self.take_forwarded, "GET": self.list_forwarded}
        self.bank = sandbox_bank.SandboxBank()
        self.routes.update({
            f"{sandbox_bank.PREFIX}/pg/v4/payment/request.json": {"POST": partial(self.bank_call, self.bank.request)},
            f"{sandbox_bank.PREFIX}/pg/v4/payment/verify.json": {"POST": partial(self.bank_call, self.bank.verify)},
            f"{sandbox_bank.PREFIX}/refund.json": {"POST": partial(self.bank_call, self.bank.refund)},
            f"{sandbox_bank.PREFIX}/transactions.json": {"GET": self.bank_transactions},
            f"{sandbox_bank.PREFIX}/style.css": {"GET": self.bank_style},
        })  # fmt: skip

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        elif scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1000})  # no websockets here

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        try:
            reply = await self._dispatch(Request(scope, receive))
        except Disconnected:
            return
        except ApiError as error:
            reply = Reply.error(error)
        except Exception:
            logger.exception("sandbox: unexpected error on %s %s", scope.get("method"), scope.get("path"))
            reply = Reply.error(ApiError(500, "internal_error"))
        headers = [(b"content-length", str(len(reply.body)).encode("ascii")), *reply.headers]
        if not any(name == b"content-type" for name, _ in reply.headers):
            headers.insert(0, (b"content-type", b"application/json"))
        try:
            await send({"type": "http.response.start", "status": reply.status, "headers": headers})
            await send({"type": "http.response.body", "body": reply.body})
        except Exception:  # the client is gone; nobody is left to tell
            logger.debug("sandbox: could not send the answer to %s", scope.get("path"), exc_info=True)

    async def _dispatch(self, request: Request) -> Reply:
        if request.path.startswith(sandbox_bank.START):
            return await self.bank_page(request, request.path.removeprefix(sandbox_bank.START))
        methods = self.routes.get(request.path)
        if methods is None:
            raise ApiError(404, "not_found")
        endpoint = methods.get(request.method)
        if endpoint is None:
            reply = Reply.error(ApiError(405, "method_not_allowed"))
            reply.headers.append((b"allow", ", ".join(methods).encode("ascii")))
            return reply
        return await endpoint(request)

    # -- the agencies ---------------------------------------------------------------

    async def _through_faults(self, knob_name: str, request: Request) -> Reply | tuple[bytes, str]:
        """The fault knobs, in their order: `down` answers 503 at once; otherwise the body is read, the
        latency waited, and the dice rolled. Returns the reply to send, or (the body, the outcome)."""
        knobs = self.faults.knobs[knob_name]
        if knobs.down:
            reply = Reply.error(ApiError(503, "service_unavailable"))
            reply.headers.append((b"connection", b"close"))
            return reply
        body = await request.body()
        delay = self.faults.delay_seconds(knobs)
        if delay > 0:
            await asyncio.sleep(delay)
        return body, self.faults.roll(knobs)

    async def inquire(self, agency: Agency, service: Service, request: Request) -> Reply:
        faulted = await self._through_faults(agency.slug, request)
        if isinstance(faulted, Reply):
            return faulted
        body, outcome = faulted
        if outcome == "error":
            return Reply.error(ApiError(500, "internal_error", SIMULATED_ERROR))
        if outcome == "garbage":
            return Reply(200, GARBAGE)
        return Reply.json(200, service.handler(validate(service, decode_object(body))))

    async def take_forwarded(self, request: Request) -> Reply:
        """An application the national window forwards to the power distributor (forwarded.py); the energy
        agency's fault knobs apply, so a test can make the webhook slow, failing or down."""
        faulted = await self._through_faults("energy", request)
        if isinstance(faulted, Reply):
            return faulted
        body, outcome = faulted
        if outcome != "answer":  # garbage makes no sense for a webhook: an error either way
            return Reply.error(ApiError(500, "internal_error", SIMULATED_ERROR))
        self.receiver.check(request.header(b"authorization"), body)
        item = self.receiver.take(body)
        return Reply.json(202, {"tracking_code": item.tracking_code, "accepted": True})

    async def list_forwarded(self, request: Request) -> Reply:
        return Reply.json(200, {"items": self.receiver.listing()})

    # -- the sandbox bank (bank.py) ---------------------------------------------------------------

    async def bank_call(self, call: Callable[[JSONObject], sandbox_bank.Answer], request: Request) -> Reply:
        return self._bank_reply(call(await request.json_object()))

    async def bank_page(self, request: Request, authority: str) -> Reply:
        if request.method == "GET":
            return self._bank_reply(self.bank.page(authority))
        if request.method != "POST":
            raise ApiError(405, "method_not_allowed")
        form = dict(parse_qsl((await request.body()).decode("utf-8", errors="replace")))
        return self._bank_reply(self.bank.act(authority, form.get("action", "")))

    async def bank_transactions(self, request: Request) -> Reply:
        return self._bank_reply(self.bank.listing())

    async def bank_style(self, request: Request) -> Reply:
        return Reply(200, sandbox_bank.STYLE, [(b"content-type", b"text/css; charset=utf-8")])

    @staticmethod
    def _bank_reply(answer: sandbox_bank.Answer) -> Reply:
        headers = [(name.encode("ascii"), value.encode("utf-8")) for name, value in answer.headers]
        if answer.json is not None:
            return Reply(answer.status, encode(answer.json), headers)
        return Reply(
            answer.status, answer.html.encode("utf-8"), [(b"content-type", b"text/html; charset=utf-8"), *headers]
        )

    # -- the index, health and the fault knobs -----------------------------------------

    async def index(self, request: Request) -> Reply:
        return Reply.json(
            200,
            {
                "name": "panjereh-sandbox",
                "title": "سامانه‌های شبیه‌سازی‌شده دستگاه‌ها (داده‌های ساختگی)",
                "protocol": "POST /{agency}/{service} with a JSON object",
                "errors": '{"error": {"code", "message", "field"}}',
                "agencies": [
                    {
                        "agency": agency.slug,
                        "title": agency.title,
                        "services": [
                            {
                                "service": service.name,
                                "path": f"/{agency.slug}/{service.name}",
                                "title": service.title,
                                "fields": list(service.fields),
                            }
                            for service in agency.services
                        ],
                    }
                    for agency in self.agencies.values()
                ],
                "admin": ["GET /healthz", "GET /_faults", "PUT /_faults/{agency}", "DELETE /_faults"],
                "agency_window": f"{PREFIX}/",
                "forwarded_applications": f"POST {FORWARD_PATH} (signed by the national window; GET lists them)",
                "bank": f"{sandbox_bank.PREFIX}/: a payment gateway speaking Zarinpal's REST protocol (bank.py)",
            },
        )

    async def health(self, request: Request) -> Reply:
        return Reply.json(200, {"status": "ok", "agencies": list(self.agencies)})

    async def show_faults(self, request: Request) -> Reply:
        return Reply.json(200, self.faults.snapshot())

    async def reset_faults(self, request: Request) -> Reply:
        self.faults.reset()
        return Reply.json(200, self.faults.snapshot())

    async def set_faults(self, agency: Agency, request: Request) -> Reply:
        knobs = self.faults.update(agency.slug, await request.json_object())
        return Reply.json(200, {agency.slug: knobs.as_json()})

    # -- the demo agency window (single sign-on with the national window) -----------------------

    async def window_index(self, request: Request) -> Reply:
        return Reply.page(self.window.index())

    async def window_login(self, request: Request) -> Reply:
        return Reply.page(await self.window.login(request.host))

    async def window_callback(self, request: Request) -> Reply:
        return Reply.page(await self.window.callback(request.query, parse_cookies(request.header(b"cookie"))))

    async def window_style(self, request: Request) -> Reply:
        return Reply(200, STYLE, [(b"content-type", b"text/css; charset=utf-8"), (b"cache-control", b"max-age=300")])


app = SandboxApp()
