"""Shared helpers: a fresh sandbox per test and sync wrappers around httpx's ASGI transport.

pytest-asyncio is not installed, so each call runs its own event loop with ``asyncio.run``.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from panjereh.persian import InvalidNationalCode, make_national_code
from panjereh.sandbox.app import SandboxApp

BASE_URL = "http://sandbox.test"
NO_BODY = object()


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> SandboxApp:
    """A sandbox with no faults and the default seed, whatever the environment says."""
    monkeypatch.delenv("SANDBOX_FAULTS", raising=False)
    monkeypatch.delenv("SANDBOX_SEED", raising=False)
    return SandboxApp()


async def send(app: SandboxApp, method: str, path: str, body: Any = NO_BODY, **kwargs: Any) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL) as client:
        if body is not NO_BODY:
            kwargs["json"] = body
        return await client.request(method, path, **kwargs)


def call(app: SandboxApp, method: str, path: str, body: Any = NO_BODY, **kwargs: Any) -> httpx.Response:
    """One request, synchronously; ``body`` is sent as JSON, ``content=`` as raw bytes."""
    return asyncio.run(send(app, method, path, body, **kwargs))


def post(app: SandboxApp, path: str, body: Any = NO_BODY, **kwargs: Any) -> httpx.Response:
    return call(app, "POST", path, body, **kwargs)


def assert_error(response: httpx.Response, status: int, code: str, field: str | None = None) -> None:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "field"}
    assert body["error"]["code"] == code
    assert any("\u0600" <= ch <= "\u06ff" for ch in body["error"]["message"]), "the message is Persian"
    assert body["error"]["field"] == field


def is_json(text: bytes) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def national_codes(count: int, *, start: int = 0, digit7: str | None = None) -> Iterator[str]:
    """``count`` distinct valid codes spread over the number space; ``digit7`` fixes index 7."""
    made = 0
    n = start
    while made < count:
        n += 1
        prefix = f"{(n * 104_729 + 3_571) % 10**9:09d}"
        if digit7 is not None:
            prefix = prefix[:7] + digit7 + prefix[8:]
        try:
            code = make_national_code(prefix)
        except InvalidNationalCode:
            continue
        made += 1
        yield code


def mobile_for(national_code: str, operator: str = "0912") -> str:
    """A mobile number the telecom registry says belongs to ``national_code``."""
    return f"{operator}000{national_code[-4:]}"
