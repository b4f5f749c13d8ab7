"""Requests too large for the platform's limits, sent to the real server (granian, as `panjereh demo` runs
it): an outside client found them answered with a bare status or let through; now the envelope."""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import pytest


@pytest.mark.parametrize(
    ("path", "headers", "status", "code"),
    [
        ("/api/v1/services?q=" + "a" * 20_000, {}, 414, "uri_too_long"),
        ("/api/v1/services", {"X-Padding": "b" * 40_000}, 431, "headers_too_large"),
        ("/exchange/v1/judiciary/criminal-record?" + "c" * 20_000, {}, 414, "uri_too_long"),
    ],
)
def test_the_real_server_answers_oversize_requests_in_the_envelope(
    server: str, path: str, headers: dict[str, str], status: int, code: str
) -> None:
    request = urllib.request.Request(server + path, headers=headers)
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=10)
    assert refused.value.code == status
    assert json.loads(refused.value.read())["error"]["code"] == code
