"""Every error the protocol defines, and the ASGI plumbing (body limit, lifespan, crashes)."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

import pytest

from panjereh.persian import to_persian_digits
from panjereh.sandbox.app import SandboxApp
from panjereh.sandbox.protocol import MAX_BODY_BYTES, Agency, JSONObject, Service

from .conftest import assert_error, call, mobile_for, national_codes, post

CODE = next(national_codes(1))
PERSON = "/civil-registry/person"
OWNERSHIP = "/telecom-registry/mobile-ownership"


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"national_code=1", b"\xff\xfe{}", b'{"national_code": NaN}', b"[" * 100_000, b"1" * 5000],
)
def test_a_body_that_is_not_json_is_400(app: SandboxApp, content: bytes) -> None:
    assert_error(post(app, PERSON, content=content), 400, "bad_request")


@pytest.mark.parametrize("body", [[], ["national_code"], "0012345679", 12, None, True])
def test_a_body_that_is_not_an_object_is_400(app: SandboxApp, body: Any) -> None:
    assert_error(post(app, PERSON, body), 400, "bad_request")


def test_unknown_fields_are_refused(app: SandboxApp) -> None:
    assert_error(post(app, PERSON, {"national_code": CODE, "extra": 1}), 422, "invalid_request", "extra")
    assert_error(post(app, PERSON, {"national_code": CODE, "mobile": "09120000000"}), 422, "invalid_request", "mobile")
    long_name = "x" * 5000
    response = post(app, PERSON, {long_name: 1})
    assert_error(response, 422, "invalid_request", "x" * 100)


def test_a_lone_surrogate_in_a_field_name_is_echoed_escaped(app: SandboxApp) -> None:
    response = post(app, PERSON, content=b'{"\\ud800": 1}')
    assert_error(response, 422, "invalid_request", "\ud800")
    assert response.content.isascii()


def test_missing_fields_and_wrong_types_are_refused(app: SandboxApp) -> None:
    assert_error(post(app, PERSON, {}), 422, "invalid_request", "national_code")
    assert_error(post(app, OWNERSHIP, {"national_code": CODE}), 422, "invalid_request", "mobile")
    assert_error(post(app, PERSON, {"national_code": int(CODE)}), 422, "invalid_request", "national_code")
    assert_error(post(app, PERSON, {"national_code": None}), 422, "invalid_request", "national_code")
    assert_error(post(app, PERSON, {"national_code": [CODE]}), 422, "invalid_request", "national_code")


@pytest.mark.parametrize("text", ["", "123", "0012345678", "1111111111", "001234567a", "۰۰۱۲۳۴5679"])
def test_invalid_national_codes_are_422(app: SandboxApp, text: str) -> None:
    assert_error(post(app, PERSON, {"national_code": text}), 422, "invalid_national_code", "national_code")
    assert_error(
        post(app, OWNERSHIP, {"national_code": text, "mobile": "09120000000"}),
        422,
        "invalid_national_code",
        "national_code",
    )


def test_valid_codes_in_persian_digits_are_accepted_and_mixed_digits_refused(app: SandboxApp) -> None:
    persian = to_persian_digits(CODE)
    response = post(app, PERSON, {"national_code": persian})
    assert response.status_code == 200 and response.json()["national_code"] == CODE
    mixed = persian[:5] + CODE[5:]
    assert_error(post(app, PERSON, {"national_code": mixed}), 422, "invalid_national_code", "national_code")


@pytest.mark.parametrize("mobile", ["", "12345", "02112345678", "0912123456", "۰۹۱۲123۴۵۶۷", "0912\u200b1234567"])
def test_invalid_mobiles_are_422(app: SandboxApp, mobile: str) -> None:
    response = post(app, OWNERSHIP, {"national_code": CODE, "mobile": mobile})
    assert_error(response, 422, "invalid_mobile", "mobile")


@pytest.mark.parametrize("method", ["GET", "PUT", "DELETE", "PATCH"])
def test_another_method_on_a_service_is_405(app: SandboxApp, method: str) -> None:
    response = call(app, method, PERSON)
    assert_error(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "POST"
    assert_error(call(app, "POST", "/healthz"), 405, "method_not_allowed")
    assert_error(call(app, "POST", "/_faults"), 405, "method_not_allowed")


@pytest.mark.parametrize(
    "method, path",
    [
        ("POST", "/nowhere/person"),
        ("GET", "/nowhere/person"),
        ("POST", "/civil-registry/nobody"),
        ("POST", "/civil-registry"),
        ("POST", "/civil-registry/person/"),
        ("POST", "/civil-registry/person/extra"),
        ("GET", "/favicon.ico"),
        ("PUT", "/_faults/nowhere"),
    ],
)
def test_unknown_paths_are_404(app: SandboxApp, method: str, path: str) -> None:
    assert_error(call(app, method, path, {"national_code": CODE}), 404, "not_found")


def test_a_body_over_one_megabyte_is_413(app: SandboxApp) -> None:
    padded = b'{"national_code": "' + CODE.encode() + b'"}'
    exactly = padded + b" " * (MAX_BODY_BYTES - len(padded))
    assert post(app, PERSON, content=exactly).status_code == 200  # 1 MB itself is allowed
    assert_error(post(app, PERSON, content=exactly + b" "), 413, "payload_too_large")
    assert_error(call(app, "PUT", "/_faults/police", content=b"{" + b" " * MAX_BODY_BYTES), 413, "payload_too_large")


async def raw_call(app: SandboxApp, chunks: list[bytes], headers: list[tuple[bytes, bytes]]) -> tuple[int, int]:
    """Send the body in chunks without Content-Length; (status, chunks the app asked for)."""
    sent: list[Mapping[str, Any]] = []
    asked = 0

    async def receive() -> dict[str, Any]:
        nonlocal asked
        asked += 1
        if asked > len(chunks):
            return {"type": "http.disconnect"}
        return {"type": "http.request", "body": chunks[asked - 1], "more_body": asked < len(chunks)}

    async def send(message: Mapping[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": PERSON, "headers": headers, "query_string": b""}
    await app(scope, receive, send)
    return sent[0]["status"], asked


def test_a_chunked_body_is_cut_off_once_it_passes_the_limit(app: SandboxApp) -> None:
    chunk = b" " * (256 * 1024)
    status, asked = asyncio.run(raw_call(app, [chunk] * 10, []))
    assert status == 413 and asked == 5  # stopped reading at the fifth quarter-megabyte
    body = b'{"national_code": "' + CODE.encode() + b'"}'
    assert asyncio.run(raw_call(app, [body[:7], body[7:20], body[20:]], []))[0] == 200


def test_a_declared_length_over_the_limit_is_refused_unread(app: SandboxApp) -> None:
    for declared in [b"1048577", b"9" * 5000]:
        status, asked = asyncio.run(raw_call(app, [b"{}"], [(b"content-length", declared)]))
        assert (status, asked) == (413, 0)


def test_a_client_that_disconnects_gets_no_answer(app: SandboxApp) -> None:
    async def receive() -> dict[str, Any]:
        return {"type": "http.disconnect"}

    sent: list[Mapping[str, Any]] = []

    async def send(message: Mapping[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app({"type": "http", "method": "POST", "path": PERSON, "headers": []}, receive, send))
    assert sent == []


def test_lifespan_starts_and_stops(app: SandboxApp) -> None:
    incoming = [{"type": "lifespan.startup"}, {"type": "lifespan.shutdown"}]
    sent: list[Mapping[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return incoming.pop(0)

    async def send(message: Mapping[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app({"type": "lifespan"}, receive, send))
    assert [m["type"] for m in sent] == ["lifespan.startup.complete", "lifespan.shutdown.complete"]


def test_a_bug_is_a_500_envelope_not_a_crash() -> None:
    def broken(request: Mapping[str, str]) -> JSONObject:
        raise RuntimeError("bug")

    boom = Agency("boom", "آزمایش", (Service("fail", "آزمایش", ("national_code",), broken),))
    app = SandboxApp(seed=1, faults={}, agencies=[boom])
    assert_error(post(app, "/boom/fail", {"national_code": CODE}), 500, "internal_error")
    assert_error(call(app, "GET", "/boom/fail"), 405, "method_not_allowed")


def test_a_scope_without_a_method_is_a_500_envelope(app: SandboxApp) -> None:
    sent: list[Mapping[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b""}

    async def send(message: Mapping[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app({"type": "http", "path": "/"}, receive, send))
    assert sent[0]["status"] == 500


def test_every_answer_is_labelled_json(app: SandboxApp) -> None:
    for response in [
        call(app, "GET", "/"),
        call(app, "GET", "/healthz"),
        call(app, "GET", "/_faults"),
        post(app, PERSON, {"national_code": CODE}),
        post(app, OWNERSHIP, {"national_code": CODE, "mobile": mobile_for(CODE)}),
        call(app, "GET", "/nowhere"),
    ]:
        assert response.headers["content-type"] == "application/json"
        assert int(response.headers["content-length"]) == len(response.content)
