"""The platform's server processes as `panjereh demo` and `panjereh serve` start them: the web
process (pages, API and, on the same origin, the exchange gateway; granian ASGI), the gateway's own
processes (uvicorn) and the task worker. Each is a `Child` of panjereh.infra.processes, which keeps
it running."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Mapping
from pathlib import Path

from django.conf import settings

from panjereh.infra.processes import Child

# The gateway reads and writes its sockets on its own event loop (docs/exchange.md, At scale).
GATEWAY_APP = "panjereh.exchange.gateway.asgi:application"
GATEWAY_SERVER = ["--http", "httptools", "--loop", "uvloop", "--lifespan", "on", "--no-access-log"]


def granian_command() -> str:
    """The environment's own granian, beside its Python, even when its bin folder is not on PATH."""
    beside = Path(sys.executable).with_name("granian")
    return str(beside) if beside.exists() else shutil.which("granian") or "granian"


def fresh_metrics_dir() -> str:
    """The folder every process of this machine counts its /metrics into, emptied: files of processes
    gone would add old counts (docs/operations.md)."""
    configured = os.environ.get("PROMETHEUS_MULTIPROC_DIR", "")
    folder = Path(configured) if configured else Path(settings.VAR_DIR) / "metrics"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(mode=0o700, parents=True)
    return str(folder)


def web_child(host: str, port: int, env: Mapping[str, str], workers: int = 1) -> Child:
    """Granian with `workers` processes on one socket; it starts again a worker that dies, and the
    supervisor starts granian again if it dies itself."""
    argv = [granian_command(), "--interface", "asgi", "--host", host, "--port", str(port),
            "--workers", str(workers), "--log-level", "warning", "panjereh.asgi:application"]  # fmt: skip
    if workers > 1:
        argv[-1:-1] = ["--respawn-failed-workers", "--respawn-interval", "1"]
    return Child("web", argv, env, port=(host, port))


def gateway_child(host: str, port: int, env: Mapping[str, str], workers: int = 1) -> Child:
    """Uvicorn with `workers` processes (its own supervisor starts again one that dies)."""
    argv = [sys.executable, "-m", "uvicorn", *GATEWAY_SERVER, "--host", host, "--port", str(port),
            "--workers", str(workers), "--log-level", "warning", GATEWAY_APP]  # fmt: skip
    return Child("gateway", argv, env, port=(host, port))


def worker_child(env: Mapping[str, str], number: int | None = None, threads: int | None = None) -> Child:
    name = "worker" if number is None else f"worker-{number}"
    argv = [sys.executable, "-m", "panjereh.cli", "worker"]
    if threads is not None:
        argv += ["--threads", str(threads)]
    return Child(name, argv, env)
