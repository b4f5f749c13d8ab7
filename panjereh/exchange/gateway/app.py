"""The exchange gateway: `POST /exchange/v1/{provider}/{data_service}`, a lean ASGI handler.

It uses the project's models and database, but not Django's request machinery, which would cost
more than the whole inquiry. Checks run in this order, and the provider hears nothing of a call
refused by any of them: size (address, headers, body), token, data service, grant, purpose, subject, consent, request
schema. Then the call is forwarded, the answer checked against the response schema, and the
record of the call, answered or refused, appended to the audit log before the answer leaves.

Each call has an id (`X-Request-ID`: the caller's if well formed, else a new one) that goes to the
provider with the forwarded call, into any log line about the call, and back in the answer.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import json
import logging
import os
import threading
import time
from collections.abc import Awaitable, Callable, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection

from panjereh.core.api_envelope import oversize_status
from panjereh.core.errors import STATUS_ERRORS
from panjereh.core.metrics import EXCHANGE_CALLS
from panjereh.core.request_id import accepted_request_id
from panjereh.exchange.audit.chain import body_hash
from panjereh.exchange.audit.store import ChainAppender
from panjereh.exchange.audit.writer import AuditWriter
from panjereh.exchange.constants import MAX_BODY_BYTES, Outcome
from panjereh.exchange.gateway import registry
from panjereh.exchange.gateway.forward import Forwarder
from panjereh.exchange.gateway.registry import Snapshot
from panjereh.exchange.gateway.replay import RecentIds, RedisReplayGuard, ReplayStoreUnavailable
from panjereh.exchange.gateway.tokens import Caller, TokenRefused, jti_key, verify
from panjereh.exchange.selectors import consent_exists
from panjereh.persian import InvalidNationalCode, normalize_national_code

Scope = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[MutableMapping[str, Any]]]
Send = Callable[[MutableMapping[str, Any]], Awaitable[None]]

logger = logging.getLogger(__name__)

PREFIX = "/exchange/v1/"
DB_THREADS = 4
SINGLE_HEADERS = ("authorization", "x-purpose", "x-subject", "x-application")
# Outcomes of calls that reached a registered provider's service (the others name no known service).
REACHED_PROVIDER = frozenset({Outcome.OK, Outcome.PROVIDER_ERROR, Outcome.PROVIDER_TIMEOUT,
                              Outcome.PROVIDER_UNAVAILABLE, Outcome.INVALID_RESPONSE})  # fmt: skip

ERRORS: dict[str, tuple[int, str]] = {
    Outcome.INVALID_TOKEN: (401, "توکن دسترسی سامانه معتبر نیست."),
    Outcome.NO_GRANT: (403, "سامانه شما مجوز دسترسی به این خدمت داده را ندارد."),
    Outcome.PURPOSE_NOT_ALLOWED: (403, "هدف اعلام‌شده برای این خدمت داده مجاز نیست."),
    Outcome.NO_CONSENT: (403, "رضایت شخص برای این استعلام ثبت نشده است."),
    Outcome.INVALID_REQUEST: (422, "درخواست با قالب خدمت داده سازگار نیست."),
    Outcome.PAYLOAD_TOO_LARGE: (413, "حجم درخواست بیش از یک مگابایت است."),
    Outcome.URI_TOO_LONG: (414, STATUS_ERRORS[414][1]),
    Outcome.HEADERS_TOO_LARGE: (431, STATUS_ERRORS[431][1]),
    Outcome.NOT_FOUND: (404, "خدمت داده‌ای با این نشانی پیدا نشد."),
    Outcome.METHOD_NOT_ALLOWED: (405, "فقط روش POST پذیرفته می‌شود."),
    Outcome.PROVIDER_ERROR: (502, "سامانه دستگاه ارائه‌دهنده پاسخ درستی نداد."),
    Outcome.PROVIDER_UNAVAILABLE: (502, "سامانه دستگاه ارائه‌دهنده در دسترس نیست."),
    Outcome.INVALID_RESPONSE: (502, "پاسخ دستگاه ارائه‌دهنده با قالب خدمت داده سازگار نیست."),
    Outcome.PROVIDER_TIMEOUT: (504, "سامانه دستگاه ارائه‌دهنده در مهلت مقرر پاسخ نداد."),
    Outcome.INTERNAL_ERROR: (500, "خطایی در درگاه تبادل رخ داد؛ لطفاً بعداً دوباره تلاش کنید."),
    Outcome.UNAVAILABLE: (503, "درگاه تبادل موقتاً در دسترس نیست؛ کمی بعد دوباره تلاش کنید."),
    Outcome.AUDIT_UNAVAILABLE: (503, "ثبت رویداد در دفتر ممیزی ممکن نشد؛ کمی بعد دوباره تلاش کنید."),
}


def _refuse_oversize(scope: Scope) -> None:
    """The limits Django's pages and API have (panjereh.core.api_envelope), in the gateway's envelope."""
    target = len(scope.get("raw_path") or scope["path"].encode()) + len(scope.get("query_string", b"")) + 1
    status = oversize_status(target, sum(len(name) + len(value) for name, value in scope["headers"]))
    if status is not None:
        raise Refused(Outcome.URI_TOO_LONG if status == 414 else Outcome.HEADERS_TOO_LARGE)


class Refused(Exception):
    def __init__(self, outcome: str, field: str | None = None, message: str | None = None) -> None:
        super().__init__(outcome)
        self.outcome, self.field, self.message = outcome, field, message


def audit_mode() -> str:
    mode = getattr(settings, "EXCHANGE_AUDIT", "durable")
    if mode == "off" and os.environ.get("PANJEREH_BENCHMARK") != "1":
        raise RuntimeError("EXCHANGE_AUDIT=off is only for benchmarks (PANJEREH_BENCHMARK=1)")
    return str(mode)


class Gateway:
    def __init__(self) -> None:
        self.mode = audit_mode()
        self.forwarder = Forwarder()
        self.writer = AuditWriter(ChainAppender(durable=self.mode == "durable"))
        # Token ids: each process's first look, then the store every process shares (replay.py): Redis
        # with REDIS_URL, else the audit database, claimed with the call's record.
        self.recent_ids = RecentIds()
        redis_url = getattr(settings, "REDIS_URL", "")
        self.redis_ids = RedisReplayGuard(redis_url) if redis_url else None
        self.db = ThreadPoolExecutor(max_workers=DB_THREADS, thread_name_prefix="exchange-db")
        self._snapshot: Snapshot | None = None
        self._reload_lock: asyncio.Lock | None = None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
        elif scope["type"] == "http":
            await self.handle(scope, receive, send)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await self.aclose()
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def snapshot(self) -> Snapshot:
        current = self._snapshot
        if current is not None and time.monotonic() - current.checked_at < registry.CHECK_SECONDS:
            return current
        if self._reload_lock is None:
            self._reload_lock = asyncio.Lock()
        async with self._reload_lock:
            current = self._snapshot
            if current is not None and time.monotonic() - current.checked_at < registry.CHECK_SECONDS:
                return current
            loop = asyncio.get_running_loop()
            token: str = await loop.run_in_executor(self.db, _reconnecting, registry.current_token)
            if current is None or current.token != token:
                loaded: Snapshot = await loop.run_in_executor(self.db, _reconnecting, registry.load, token)
                current = loaded
            current.checked_at = time.monotonic()
            self._snapshot = current
            return current

    async def aclose(self) -> None:
        """Close the HTTP pool and every worker thread's database connection."""
        await self.forwarder.close()
        if self.redis_ids is not None:
            await self.redis_ids.aclose()
        await self.writer.aclose()
        await close_thread_connections(self.db, DB_THREADS)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        headers = {key.decode("latin-1").lower(): value.decode("latin-1") for key, value in scope["headers"]}
        # Named explicitly in its log lines, the forwarded call and the answer (no context is relied on here).
        request_id = accepted_request_id(headers.get("x-request-id"))
        path = scope["path"]
        provider, _, service_code = path[len(PREFIX) :].partition("/") if path.startswith(PREFIX) else ("", "", "")
        entry: dict[str, Any] = {
            "at": datetime.datetime.now(datetime.UTC), "consumer": "", "consumer_agency": "",
            "provider": _printable(provider, 64), "data_service": _printable(service_code, 64),
            "purpose": _printable(headers.get("x-purpose", ""), 64), "subject": "",
            "application": _printable(headers.get("x-application", ""), 40), "jti": "",
        }  # fmt: skip
        body = b""
        try:
            _refuse_oversize(scope)
            body = await self._read_body(scope, receive, headers)
            status, answer = await self._answer(scope, headers, entry, provider, service_code, body, request_id)
            outcome = Outcome.OK
        except Refused as refusal:
            outcome = Outcome(refusal.outcome)
            status, message = ERRORS[outcome]
            answer = _envelope(outcome, refusal.message or message, refusal.field)
        except Exception:  # a fault of ours: still answered in the envelope, and still audited
            logger.exception("exchange gateway fault", extra={"request_id": request_id})
            outcome, status = Outcome.INTERNAL_ERROR, 500
            answer = _envelope(outcome, ERRORS[outcome][1], None)
        entry.update(outcome=outcome, status=status, request_hash=body_hash(body), response_hash=body_hash(answer))
        entry["latency_ms"] = round((time.perf_counter() - started) * 1000, 3)
        # Labelled by provider and service only once they were found registered: a caller's path is not a label.
        named = outcome in REACHED_PROVIDER
        EXCHANGE_CALLS.labels(entry["provider"] if named else "-", entry["data_service"] if named else "-",
                              outcome.value).inc()  # fmt: skip
        # A caller's token id (answered or refused) is claimed with its record, in the audit database
        # that every process shares; with Redis it was claimed before anything was forwarded.
        claim = jti_key(entry["consumer"], entry["jti"]) if entry["jti"] and self.redis_ids is None else None
        audit_id, first = await self._audit(entry, claim)
        if not first:  # another gateway process answered this token first
            status, answer = 401, _envelope(Outcome.INVALID_TOKEN, ERRORS[Outcome.INVALID_TOKEN][1], None)
        if audit_id is None:
            status, message = ERRORS[Outcome.AUDIT_UNAVAILABLE]
            answer = _envelope(Outcome.AUDIT_UNAVAILABLE, message, None)
        await _respond(send, status, answer, audit_id, request_id)

    async def _audit(self, entry: dict[str, Any], claim: str | None) -> tuple[str | None, bool]:
        """The record's id (None if it could not be written), and whether the call's token id, if it
        is claimed here, was new; if it was not, the record says the call was refused as a replay."""
        if self.mode == "off":
            return "0", True
        try:
            if claim is None:
                return str(await self.writer.append(entry)), True
            status, message = ERRORS[Outcome.INVALID_TOKEN]
            refused = {"outcome": Outcome.INVALID_TOKEN, "status": status,
                       "response_hash": body_hash(_envelope(Outcome.INVALID_TOKEN, message, None))}  # fmt: skip
            seq, first = await self.writer.append_claiming(entry, claim, refused)
            return str(seq), first
        except Exception:
            return None, True

    async def _read_body(self, scope: Scope, receive: Receive, headers: dict[str, str]) -> bytes:
        declared = headers.get("content-length", "")
        if declared.isascii() and declared.isdigit() and int(declared) > MAX_BODY_BYTES:
            raise Refused(Outcome.PAYLOAD_TOO_LARGE)
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":  # the caller left: never forward half a body
                raise Refused(Outcome.INVALID_REQUEST, None, "درخواست ناتمام ماند.")
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > MAX_BODY_BYTES:
                raise Refused(Outcome.PAYLOAD_TOO_LARGE)
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _answer(
        self,
        scope: Scope,
        headers: dict[str, str],
        entry: dict[str, Any],
        provider: str,
        code: str,
        body: bytes,
        request_id: str,
    ) -> tuple[int, bytes]:
        names = [key.decode("latin-1").lower() for key, _ in scope["headers"]]
        if any(names.count(name) > 1 for name in SINGLE_HEADERS):  # a proxy might read another copy
            raise Refused(Outcome.INVALID_REQUEST, None, "سرآیندهای امنیتی نباید تکراری باشند.")
        snapshot = await self.snapshot()
        caller = self._authenticate(headers, snapshot)
        entry.update(consumer=caller.system.code, consumer_agency=caller.system.agency, jti=caller.jti)
        await self._claim(caller, request_id)
        if scope["method"] != "POST":
            raise Refused(Outcome.METHOD_NOT_ALLOWED)
        service = snapshot.services.get((provider, code))
        if service is None:
            raise Refused(Outcome.NOT_FOUND)
        purpose = entry["purpose"]
        now = datetime.datetime.now(datetime.UTC)
        grants = [g for g in snapshot.grants.get((caller.system.code, provider, code), []) if g.valid_at(now)]
        if not grants:
            raise Refused(Outcome.NO_GRANT)
        if not purpose:
            raise Refused(Outcome.INVALID_REQUEST, "X-Purpose", "سرآیند X-Purpose (هدف استعلام) لازم است.")
        if purpose not in service.purposes or not any(purpose in g.purposes for g in grants):
            raise Refused(Outcome.PURPOSE_NOT_ALLOWED)
        subject = ""
        if service.concerns_person:
            try:
                subject = normalize_national_code(headers.get("x-subject", ""))
            except InvalidNationalCode:
                raise Refused(
                    Outcome.INVALID_REQUEST, "X-Subject", "سرآیند X-Subject باید کد ملی معتبر باشد."
                ) from None
            entry["subject"] = subject
        if service.requires_consent:
            loop = asyncio.get_running_loop()
            consented = await loop.run_in_executor(
                self.db, consent_exists, subject, caller.system.agency, service.pk, purpose
            )
            if not consented:
                raise Refused(Outcome.NO_CONSENT)
        data = self._validate(service.validate_request, body)
        if service.concerns_person and _subject_of(data, service.subject_field) != subject:
            raise Refused(Outcome.INVALID_REQUEST, service.subject_field,
                          "کد ملی درخواست با سرآیند X-Subject یکی نیست.")  # fmt: skip
        forward_headers = {
            "Content-Type": "application/json",
            "X-Consumer-System": caller.system.code,
            "X-Consumer-Agency": caller.system.agency,
            "X-Purpose": purpose,
            "X-Request-ID": request_id,
        }
        if subject:
            forward_headers["X-Subject"] = subject
        # Forward what was checked, not the bytes as sent (duplicate keys, other encodings).
        checked = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        result = await self.forwarder.forward(service, checked, forward_headers)
        if result.outcome != Outcome.OK:
            raise Refused(result.outcome)
        return 200, result.body

    def _authenticate(self, headers: dict[str, str], snapshot: Snapshot) -> Caller:
        try:
            return verify(headers.get("authorization", ""), snapshot, None)
        except TokenRefused:
            raise Refused(Outcome.INVALID_TOKEN) from None

    async def _claim(self, caller: Caller, request_id: str) -> None:
        """A token id is good once, at whichever gateway process it arrives: refused here if this
        process has seen it, or Redis has. (Without Redis, the record claims it: `handle`.)"""
        key = jti_key(caller.system.code, caller.jti)
        if not self.recent_ids.first_use(key):
            raise Refused(Outcome.INVALID_TOKEN)
        if self.redis_ids is None:
            return
        try:
            first = await self.redis_ids.first_use(key)
        except ReplayStoreUnavailable:
            logger.warning("exchange gateway: the replay store is unavailable; refusing calls",
                           extra={"request_id": request_id})  # fmt: skip
            raise Refused(Outcome.UNAVAILABLE) from None
        if not first:
            raise Refused(Outcome.INVALID_TOKEN)

    @staticmethod
    def _validate(validator: Callable[[Any], Any], body: bytes) -> Any:
        try:
            data = json.loads(body.decode("utf-8"), object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constant)
        except (ValueError, RecursionError):
            raise Refused(Outcome.INVALID_REQUEST, None, "بدنه درخواست JSON معتبر نیست.") from None
        try:
            validator(data)
        except Exception as error:  # fastjsonschema.JsonSchemaException, or a schema that cannot apply
            field = getattr(error, "name", None)
            name = str(field).removeprefix("data.").removeprefix("data") or None if field else None
            raise Refused(Outcome.INVALID_REQUEST, name) from None
        return data


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [key for key, _ in pairs]
    if len(set(keys)) != len(keys):
        raise ValueError("duplicate key")
    return dict(pairs)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def _subject_of(data: Any, field: str) -> str | None:
    value = data.get(field) if isinstance(data, dict) else None
    try:
        return normalize_national_code(value) if isinstance(value, str) else None
    except InvalidNationalCode:
        return None


def _printable(value: str, limit: int) -> str:
    """What may go into the log from the request: no control characters (PostgreSQL refuses NUL)."""
    return "".join(ch if ch.isprintable() else "?" for ch in value[:limit])


def _envelope(code: str, message: str, field: str | None) -> bytes:
    return json.dumps({"error": {"code": code, "message": message, "field": field}}, ensure_ascii=False).encode()


# An answer about a person is JSON for one caller: never sniffed as something else, never cached on the way.
def _reconnecting(read: Callable[..., Any], *args: Any) -> Any:
    """Runs a read on this executor thread's connection. One the database dropped (a restart, a
    failover) is closed on the way out, so the next read opens a new one instead of failing for ever:
    outside Django's request cycle nothing else would close it."""
    try:
        return read(*args)
    except DatabaseError:
        connection.close_if_unusable_or_obsolete()
        raise


# Every answer, refusals included: about a person, for one caller, never to be cached or sniffed, and
# no address of the gateway passed on if a browser ever follows a link from one.
PRIVATE_ANSWER = [
    (b"x-content-type-options", b"nosniff"),
    (b"cache-control", b"no-store"),
    (b"referrer-policy", b"no-referrer"),
]


async def _respond(send: Send, status: int, body: bytes, audit_id: str | None, request_id: str) -> None:
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *PRIVATE_ANSWER,
               (b"x-request-id", request_id.encode())]  # fmt: skip
    if audit_id is not None:
        headers.append((b"x-audit-id", audit_id.encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def close_thread_connections(executor: ThreadPoolExecutor, threads: int) -> None:
    """Close the database connection of each of an executor's threads, then stop them.

    Django's connections belong to their thread; a barrier makes each close run on its own thread.
    """
    barrier = threading.Barrier(threads, timeout=5)

    def close() -> None:
        with contextlib.suppress(threading.BrokenBarrierError):
            barrier.wait()
        connection.close()

    loop = asyncio.get_running_loop()
    await asyncio.gather(*(loop.run_in_executor(executor, close) for _ in range(threads)))
    executor.shutdown(wait=False)


gateway = Gateway()
