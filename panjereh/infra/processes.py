"""Run a few child processes together and stop them together (what `panjereh demo` needs).

Ctrl-C (SIGINT) or SIGTERM stops every child this process started, by its own pid, and waits
for it; if one child dies, the others are stopped too, so nothing is left running.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

STOP_GRACE_SECONDS = 10.0


@dataclass
class Child:
    name: str
    argv: Sequence[str]
    env: Mapping[str, str] | None = None
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)


def run_together(children: Sequence[Child]) -> int:
    stopping = False

    def request_stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        for child in children:
            child.process = subprocess.Popen(list(child.argv), env=dict(child.env) if child.env else None)
        exit_code = 0
        while not stopping:
            for child in children:
                assert child.process is not None
                code = child.process.poll()
                if code is not None:
                    print(f"panjereh: {child.name} exited with {code}; stopping the rest", file=sys.stderr)
                    exit_code = code or 1
                    stopping = True
                    break
            time.sleep(0.2)
        return exit_code
    finally:
        _stop_all(children)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _stop_all(children: Sequence[Child]) -> None:
    running = [c.process for c in children if c.process is not None and c.process.poll() is None]
    for process in running:
        process.terminate()
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    for process in running:
        try:
            process.wait(timeout=max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
