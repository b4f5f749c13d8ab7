"""How long `make run` takes to serve a search from a fresh database (dependencies cached).

    uv run python bench/startup.py

Starts `make run` on a free loopback port with an empty var folder (PANJEREH_VAR_DIR), measures the
seconds until /healthz answers and until a Persian search returns results, then stops it as Ctrl-C
would (SIGINT to the process group it started). The last line is a JSON object of the figures.
Target (issue 2): serving within 60 s.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT_S = 180


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get_json(url: str) -> dict[str, object] | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return json.loads(response.read()) if response.status == 200 else None
    except (OSError, ValueError):
        return None


def main() -> None:
    port = free_port()
    var = tempfile.mkdtemp(prefix="panjereh-startup-")
    env = {**os.environ, "PORT": str(port), "SANDBOX_PORT": str(free_port()), "PANJEREH_VAR_DIR": var}
    env.pop("DATABASE_URL", None)
    env.pop("AUDIT_DATABASE_URL", None)  # both databases fresh, in the temporary folder
    base = f"http://127.0.0.1:{port}"
    search = f"{base}/api/v1/services?" + urllib.parse.urlencode({"q": "تمدید گذرنامه"})
    started = time.monotonic()
    process = subprocess.Popen(
        ["make", "--no-print-directory", "run"], cwd=ROOT, env=env, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    healthy_s = search_s = None
    try:
        while time.monotonic() - started < LIMIT_S and process.poll() is None:
            if healthy_s is None and get_json(f"{base}/healthz"):
                healthy_s = time.monotonic() - started
            if healthy_s is not None:
                body = get_json(search)
                if body and int(str(body.get("count", 0))) > 0:
                    search_s = time.monotonic() - started
                    break
            time.sleep(0.2)
    finally:
        os.killpg(process.pid, signal.SIGINT)  # as Ctrl-C in the terminal
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
    print(f"make run: /healthz after {healthy_s}s, first search result after {search_s}s (fresh database)")
    print(
        json.dumps({"healthy_s": healthy_s and round(healthy_s, 2), "first_search_s": search_s and round(search_s, 2)})
    )


if __name__ == "__main__":
    main()
