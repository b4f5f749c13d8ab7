"""A Lighthouse-style page budget on a phone: bytes transferred and first contentful paint, cold loads.

    uv run python bench/page_budget.py [--runs 7] [--base-url http://127.0.0.1:8000]

Starts `panjereh demo` on free loopback ports with its own SQLite files in a temporary folder (as the
browser journeys in e2e/ do; or measures a server already running at --base-url), then loads the home
page, a search and one service profile in Debian's Chromium, driven by Playwright, as a phone: a
360×740 viewport at device scale factor 2, touch, a phone user agent, and the CPU slowed down 4×
by Chromium itself (Emulation.setCPUThrottlingRate). The network is loopback and is not throttled.
Every load is cold: a fresh browser context, the HTTP cache off (Network.setCacheDisabled) and service
workers blocked, so the site's own worker never answers. Per page it prints the bytes transferred (what
Network.loadingFinished reports per response: headers and encoded body), the number of requests, first
contentful paint (the 'paint' performance entry) as median and p95 (nearest rank) over the runs, the
verdict against the budget, and the largest resources, so it shows where the bytes go.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
from common import free_port, stop  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]  # fmt: skip
PHONE_UA = (
    "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.0.0 Mobile Safari/537.36"
)
PHONE = {"viewport": {"width": 360, "height": 740}, "device_scale_factor": 2, "is_mobile": True,
         "has_touch": True, "user_agent": PHONE_UA}  # fmt: skip
SERVICE = "judiciary-criminal-record-certificate"  # the demo banner's own example
START_TIMEOUT_S = 180
FCP_JS = """() => new Promise(resolve => {
  new PerformanceObserver((list, observer) => {
    const entry = list.getEntriesByName('first-contentful-paint')[0];
    if (entry) { observer.disconnect(); resolve(entry.startTime); }
  }).observe({type: 'paint', buffered: true});
  setTimeout(() => resolve(null), 10000);
})"""
TTFB_JS = "() => performance.getEntriesByType('navigation')[0].responseStart"


@dataclass
class Load:
    fcp_ms: float | None
    ttfb_ms: float
    resources: list[dict[str, Any]] = field(default_factory=list)  # url, type, bytes, encoding

    @property
    def total_bytes(self) -> int:
        return sum(r["bytes"] for r in self.resources)


def start_demo() -> tuple[subprocess.Popen[bytes], str, Path]:
    """`panjereh demo` on free loopback ports, in a process group of its own, with its own files."""
    var = Path(tempfile.mkdtemp(prefix="panjereh-page-budget-"))
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{var / 'bench.sqlite3'}",
        "AUDIT_DATABASE_URL": f"sqlite:///{var / 'bench-audit.sqlite3'}",
        "PANJEREH_VAR_DIR": str(var),
        "PORT": str(port),
        "SANDBOX_PORT": str(free_port()),
        "GATEWAY_PORT": str(free_port()),
    }
    log = (var / "demo.log").open("wb")
    process = subprocess.Popen([sys.executable, "-m", "panjereh.cli", "demo"], cwd=ROOT, env=env,
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT_S
    try:
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=2) as answer:
                    if answer.status == 200:
                        return process, base, var
            except OSError:
                time.sleep(0.5)
    except BaseException:  # Ctrl-C while waiting: stopped all the same
        stop_demo(process)
        raise
    stop_demo(process)
    raise SystemExit(f"panjereh demo did not answer:\n{(var / 'demo.log').read_text(errors='replace')[-3000:]}")


def stop_demo(process: subprocess.Popen[bytes]) -> None:
    """As Ctrl-C to the demo alone (it stops its children, as e2e/conftest.py relies on), a kill after 30 s,
    then a kill for whatever is left in the process group it was started in (a granian worker or so)."""
    stop(process)
    time.sleep(1)
    with contextlib.suppress(ProcessLookupError):  # nothing left: the usual case
        os.killpg(process.pid, signal.SIGKILL)


def cold_load(browser: Browser, url: str, cpu_slowdown: float) -> Load:
    """One cold load in a fresh phone context; the byte counts come from the DevTools protocol."""
    context = browser.new_context(**PHONE, locale="fa-IR", service_workers="block")  # type: ignore[arg-type]
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        seen: dict[str, dict[str, Any]] = {}

        def on_response(event: dict[str, Any]) -> None:
            headers = {k.lower(): v for k, v in event["response"]["headers"].items()}
            seen[event["requestId"]] = {"url": event["response"]["url"], "type": event["type"], "bytes": 0,
                                        "encoding": headers.get("content-encoding", "-"), "done": False}  # fmt: skip

        def on_finished(event: dict[str, Any]) -> None:
            if event["requestId"] in seen:
                seen[event["requestId"]].update(bytes=int(event["encodedDataLength"]), done=True)

        cdp.on("Network.responseReceived", on_response)
        cdp.on("Network.loadingFinished", on_finished)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu_slowdown})
        answer = page.goto(url, wait_until="load", timeout=60_000)
        if answer is None or answer.status != 200:
            raise SystemExit(f"{url} answered {answer and answer.status}")
        with contextlib.suppress(PlaywrightTimeout):  # fonts and late requests too; what came by then counts
            page.wait_for_load_state("networkidle", timeout=10_000)
        fcp, ttfb = page.evaluate(FCP_JS), page.evaluate(TTFB_JS)
        return Load(fcp, float(ttfb), [r for r in seen.values() if r["done"]])
    finally:
        context.close()


def nearest_rank(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def short(url: str, base: str) -> str:
    path = url.removeprefix(base)
    return path if len(path) <= 70 else path[:67] + "…"


def report(pages: dict[str, list[Load]], base: str, args: argparse.Namespace) -> None:
    budget_bytes = args.budget_kb * 1024
    print(f"\n{'page':<10} {'transfer KB':>11} {'requests':>8} {'TTFB med':>9} {'FCP med':>8} {'FCP p95':>8}  "
          f"{'transfer':<9} {'FCP':<5}")  # fmt: skip
    passed = True
    for name, loads in pages.items():
        fcps = [load.fcp_ms for load in loads if load.fcp_ms is not None]
        transfer = statistics.median(load.total_bytes for load in loads)
        requests = statistics.median(len(load.resources) for load in loads)
        fcp_median = statistics.median(fcps) if len(fcps) == len(loads) else math.inf  # a load without a paint
        fcp_p95 = nearest_rank(fcps, 0.95) if fcps else math.inf
        transfer_ok, fcp_ok = transfer <= budget_bytes, fcp_median <= args.fcp_ms
        passed = passed and transfer_ok and fcp_ok
        print(f"{name:<10} {transfer / 1024:>11.1f} {requests:>8.0f} "
              f"{statistics.median(load.ttfb_ms for load in loads):>7.0f}ms {fcp_median:>6.0f}ms {fcp_p95:>6.0f}ms  "
              f"{'PASS' if transfer_ok else 'FAIL':<9} {'PASS' if fcp_ok else 'FAIL':<5}")  # fmt: skip
    for name, loads in pages.items():
        last = loads[-1]
        print(f"\nlargest resources, {name} (last run, {len(last.resources)} requests, "
              f"{last.total_bytes / 1024:.1f} KB):")  # fmt: skip
        for resource in sorted(last.resources, key=lambda r: -r["bytes"])[: args.top]:
            print(f"  {resource['bytes'] / 1024:>7.1f} KB  {resource['type']:<10} {resource['encoding']:<5} "
                  f"{short(resource['url'], base)}")  # fmt: skip
    print(f"\nbudget: transfer ≤ {args.budget_kb} KB (median over runs), FCP median ≤ {args.fcp_ms:.0f} ms; "
          f"overall {'PASS' if passed else 'FAIL'}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7, help="cold loads per page (default 7)")
    parser.add_argument("--base-url", default="", help="measure a server already running here instead of "
                        "starting `panjereh demo`")  # fmt: skip
    parser.add_argument("--service", default=SERVICE, help=f"the service profile's code (default {SERVICE})")
    parser.add_argument("--cpu-slowdown", type=float, default=4, help="Chromium's CPU throttling rate (default 4)")
    parser.add_argument("--budget-kb", type=int, default=300, help="transfer budget per page, KB (default 300)")
    parser.add_argument("--fcp-ms", type=float, default=1000, help="FCP median budget, ms (default 1000)")
    parser.add_argument("--top", type=int, default=6, help="largest resources listed per page (default 6)")
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        raise SystemExit(f"{CHROMIUM} is missing (scripts/ensure-system-packages.sh installs it)")
    process, base, var = (None, args.base_url.rstrip("/"), None) if args.base_url else start_demo()
    paths = {"home": "/", "search": "/services/?q=گذرنامه", "service": f"/services/{args.service}/"}
    try:
        print(f"server: {base} ({'given' if process is None else f'panjereh demo, files in {var}'})")
        print(f"phone: {PHONE['viewport']['width']}×{PHONE['viewport']['height']} @{PHONE['device_scale_factor']}x, "
              f"touch, mobile UA; CPU {args.cpu_slowdown:g}× slower (Emulation.setCPUThrottlingRate); "
              "network: loopback, not throttled")  # fmt: skip
        print(f"cold loads: fresh context each, HTTP cache disabled, service workers blocked; {args.runs} per page")
        load = os.getloadavg()[0]
        print(f"machine: {os.cpu_count()} CPUs (server and browser share them), load average {load:.1f} before")
        pages: dict[str, list[Load]] = {name: [] for name in paths}
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            cold_load(browser, base + "/", args.cpu_slowdown)  # warm the server (its first request), not counted
            for _ in range(args.runs):  # the pages in turn, so a busy moment on the machine hits them alike
                for name, path in paths.items():
                    pages[name].append(cold_load(browser, base + path, args.cpu_slowdown))
            browser.close()
        print(f"machine: load average {os.getloadavg()[0]:.1f} after")
        report(pages, base, args)
    finally:
        if process is not None:
            stop_demo(process)


if __name__ == "__main__":
    main()
