"""The one-origin ASGI application (`panjereh demo`) reads request bodies whatever awaitable the server's
receive() returns: granian's is not a coroutine, which a2wsgi alone cannot await from its threads."""

from __future__ import annotations

import asyncio
from collections.abc import Generator
from typing import Any

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


class NotACoroutine:
    """An awaitable that is not a coroutine object, as granian's receive() returns."""

    def __init__(self, message: dict[str, Any]) -> None:
        self.message = message

    def __await__(self) -> Generator[Any, None, dict[str, Any]]:
        if False:
            yield
        return self.message


def test_a_form_post_through_the_asgi_application_reaches_django(monkeypatch: pytest.MonkeyPatch) -> None:
    from django.db import connections

    from panjereh.asgi import application

    # a2wsgi's worker thread keeps its own connection; closed at the end of the request, the test
    # database can be dropped afterwards (PostgreSQL refuses while a session is open).
    monkeypatch.setitem(connections.settings["default"], "CONN_MAX_AGE", 0)

    body = b"grant_type=authorization_code&code=x&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcb&client_id=nobody"
    scope = {
        "type": "http", "method": "POST", "path": "/o/token/", "raw_path": b"/o/token/", "query_string": b"",
        "root_path": "", "scheme": "http", "server": ("127.0.0.1", 8000), "client": ("127.0.0.1", 5000),
        "http_version": "1.1", "asgi": {"version": "3.0"},
        "headers": [(b"host", b"127.0.0.1:8000"), (b"content-type", b"application/x-www-form-urlencoded"),
                    (b"content-length", str(len(body)).encode())],
    }  # fmt: skip
    sent: list[dict[str, Any]] = []

    def receive() -> NotACoroutine:
        return NotACoroutine({"type": "http.request", "body": body, "more_body": False})

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(application(scope, receive, send))
    assert sent[0]["status"] == 401  # DOT read the form and refused the unknown client; not a 500
    assert b"invalid_client" in b"".join(m.get("body", b"") for m in sent[1:])
