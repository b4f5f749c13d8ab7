"""Browser journeys: a real `panjereh demo` process on loopback, driven by Playwright in Debian's Chromium.

The server gets its own SQLite files (the main one and the audit log's), or its own PostgreSQL
database when DATABASE_URL names a PostgreSQL server, so the journeys run against both, through the
same command a person runs.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, sync_playwright

CHROMIUM = "/usr/bin/chromium"
START_TIMEOUT = 180
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _database_url(tmp: Path) -> tuple[str, str | None]:
    """(DATABASE_URL for the server, the PostgreSQL database to drop afterwards)."""
    given = os.environ.get("DATABASE_URL", "")
    if not given.startswith("postgres"):
        return f"sqlite:///{tmp / 'e2e.sqlite3'}", None
    import psycopg

    name = f"panjereh_e2e_{secrets.token_hex(4)}"
    with psycopg.connect(given, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return given.rsplit("/", 1)[0] + "/" + name, name


def _drop_database(name: str) -> None:
    import psycopg

    with psycopg.connect(os.environ["DATABASE_URL"], autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("demo")
    database_url, database = _database_url(tmp)
    port, sandbox_port, gateway_port = _free_port(), _free_port(), _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        # a SQLite file of its own beside the main one; on PostgreSQL the same database, as settings.py has it
        "AUDIT_DATABASE_URL": database_url if database else f"sqlite:///{tmp / 'e2e-audit.sqlite3'}",
        "PANJEREH_VAR_DIR": str(tmp),
        "PORT": str(port),
        "SANDBOX_PORT": str(sandbox_port),
        "GATEWAY_PORT": str(gateway_port),
        "OTP_RESEND_SECONDS": "3",  # the resend journey should not wait a minute
        # a journey stands behind a carrier address of its own (X-Forwarded-For, believed from loopback)
        "TRUSTED_PROXIES": "127.0.0.1",
        "METRICS_TOKEN": METRICS_TOKEN,
    }
    log = (tmp / "demo.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "panjereh.cli", "demo"], env=env, stdout=log, stderr=subprocess.STDOUT
    )
    base = f"http://127.0.0.1:{port}"
    SERVER_ENV.update(env)
    try:
        _wait_until_healthy(base, process, tmp / "demo.log")
        # the platform's own inquiries go to the gateway process: an answer of any kind means it is up
        _wait_until_healthy(f"http://127.0.0.1:{gateway_port}", process, tmp / "demo.log", path="/exchange/v1/")
        yield base
    finally:
        process.send_signal(signal.SIGINT)  # as Ctrl-C: the demo stops what it started
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()
        if database:
            _drop_database(database)


def _wait_until_healthy(base: str, process: subprocess.Popen[bytes], log: Path, path: str = "/healthz") -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"panjereh demo exited early:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(f"{base}{path}", timeout=2) as response:
                if response.status == 200:
                    return
        except urllib.error.HTTPError:
            if path != "/healthz":  # it answered
                return
            time.sleep(0.5)
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(
        f"panjereh demo did not answer within {START_TIMEOUT}s:\n{log.read_text(errors='replace')[-3000:]}"
    )


@pytest.fixture(scope="session")
def demo_env(server: str) -> dict[str, str]:
    """The environment the demo server runs with (its database, var folder and ports)."""
    return SERVER_ENV


SERVER_ENV: dict[str, str] = {}
METRICS_TOKEN = secrets.token_urlsafe(24)  # /metrics of the demo, for the journeys that read it


@pytest.fixture(scope="session")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="session")
def browser(playwright: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (scripts/ensure-system-packages.sh)")
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


@pytest.fixture
def console_errors() -> list[str]:
    """What the browser reported as errors; a test that expects one removes it."""
    return []


@pytest.fixture
def page(browser: Browser, server: str, console_errors: list[str]) -> Iterator[Page]:
    """A fresh Persian-locale tab; any console error (a CSP violation, a script error) fails the test."""
    context = browser.new_context(base_url=server, locale="fa-IR")
    tab = context.new_page()
    errors = console_errors

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            errors.append(message.text)

    tab.on("console", on_console)
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == [], errors


@pytest.fixture
def page_without_javascript(browser: Browser, server: str) -> Iterator[Page]:
    context = browser.new_context(base_url=server, locale="fa-IR", java_script_enabled=False)
    yield context.new_page()
    context.close()


def last_code(demo_env: dict[str, str], mobile: str, after: int = 0) -> str:
    """The newest one-time code the demo's SMS outbox holds for `mobile` (its line number > after)."""
    import json
    import re

    outbox = Path(demo_env["PANJEREH_VAR_DIR"]) / "sms" / "outbox.jsonl"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        lines = outbox.read_text(encoding="utf-8").splitlines() if outbox.exists() else []
        texts = [json.loads(line)["text"] for line in lines[after:] if json.loads(line)["to"] == mobile]
        if texts:
            match = re.search(r"#(\d{6})$", texts[-1])
            assert match, texts[-1]
            return match.group(1)
        time.sleep(0.1)
    raise AssertionError(f"no SMS to {mobile} in {outbox}")


def outbox_size(demo_env: dict[str, str]) -> int:
    outbox = Path(demo_env["PANJEREH_VAR_DIR"]) / "sms" / "outbox.jsonl"
    return len(outbox.read_text(encoding="utf-8").splitlines()) if outbox.exists() else 0


def log_in(page: Page, demo_env: dict[str, str], national_code: str, mobile: str, *, go: bool = True) -> None:
    """Log in through the pages, as a person does, with the code from the SMS outbox (from the
    login page it opens, or, with go=False, from the one the browser is on)."""
    before = outbox_size(demo_env)
    if go:
        page.goto("/login/")
    page.get_by_label("کد ملی").fill(national_code)
    page.get_by_label("شماره همراه").fill(mobile)
    page.get_by_role("button", name="دریافت کد ورود").click()
    page.get_by_label("کد یک‌بارمصرف").fill(last_code(demo_env, mobile, before))
    page.get_by_role("button", name="ورود", exact=True).click()
    page.wait_for_url("**/me/**")


AXE = Path(__file__).resolve().parents[1] / ".tools" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def serious_violations(page: Page) -> list[str]:
    """What axe-core finds on the page against WCAG 2.1 A and AA, serious or critical only. The engine
    is handed to the browser through the DevTools protocol, so the page's own CSP stays strict."""
    assert AXE.exists(), "axe-core is missing: `make test` fetches it (python3 scripts/fetch_axe.py)"
    page.evaluate(AXE.read_text(encoding="utf-8"))
    found = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in found["violations"]
        if v["impact"] in ("serious", "critical")
    ]
