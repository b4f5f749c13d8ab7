"""The real thing: ``python -m panjereh.sandbox`` as its own process, over real HTTP."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from panjereh.sandbox.people import person

from .conftest import national_codes

ROOT = Path(__file__).resolve().parents[3]
START_TIMEOUT = 30.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def sandbox_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SANDBOX_")}
    return {**env, **extra}


def http(method: str, url: str, body: Any = None) -> tuple[int, dict[str, str], bytes]:
    data = None if body is None else json.dumps(body).encode()
    headers = {"Content-Type": "application/json"}
    request = urllib.request.Request(url, data=data, method=method, headers=headers)  # noqa: S310 (loopback)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (our own loopback URL)
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


@pytest.fixture
def sandbox() -> Iterator[str]:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "panjereh.sandbox", "--port", str(port)],
        cwd=ROOT,
        env=sandbox_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            if process.poll() is not None:
                assert process.stderr is not None
                pytest.fail(f"the sandbox exited with {process.returncode}: {process.stderr.read().decode()}")
            try:
                if http("GET", f"{base}/healthz")[0] == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"the sandbox did not answer /healthz within {START_TIMEOUT} s")
            time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr is not None:
            process.stderr.close()


def test_the_sandbox_serves_over_real_http(sandbox: str) -> None:
    code = next(national_codes(1))
    status, headers, body = http("POST", f"{sandbox}/civil-registry/person", {"national_code": code})
    assert status == 200 and headers["content-type"] == "application/json"
    answer = json.loads(body)
    assert answer["national_code"] == code and answer["first_name"] == person(code).first_name

    status, _, body = http("PUT", f"{sandbox}/_faults/police", {"down": True})
    assert status == 200 and json.loads(body)["police"]["down"] is True
    status, headers, body = http("POST", f"{sandbox}/police/passport", {"national_code": code})
    assert status == 503 and json.loads(body)["error"]["code"] == "service_unavailable"
    assert headers.get("connection", headers.get("Connection", "")).lower() == "close"
    status, _, _ = http("DELETE", f"{sandbox}/_faults")
    assert http("POST", f"{sandbox}/police/passport", {"national_code": code})[0] == 200
    assert http("GET", f"{sandbox}/nowhere")[0] == 404


def test_bad_knobs_in_the_environment_stop_the_process_at_once() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "panjereh.sandbox", "--port", str(free_port())],
        cwd=ROOT,
        env=sandbox_env(SANDBOX_FAULTS='{"police": {"down": "yes"}}'),
        capture_output=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 2
    assert b"SANDBOX_FAULTS" in result.stderr
