"""Run a few child processes together and stop them together (what `panjereh demo` needs).

Before anything starts, every port the children will listen on is checked: one already taken stops
everything with a clear message and starts nothing. Once started, `on_ready` runs only when every
port answers. Ctrl-C (SIGINT) or SIGTERM stops every child this process started, by its own pid,
and waits for it; if one child dies, the others are stopped too, said once, so nothing is left
running.
"""

from __future__ import annotations

import errno
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

STOP_GRACE_SECONDS = 10.0
READY_SECONDS = 120.0  # the slowest child (the web process, loading Django) answers well within this


@dataclass
class Child:
    name: str
    argv: Sequence[str]
    env: Mapping[str, str] | None = None
    port: tuple[str, int] | None = None  # (host, port) it listens on, if it does
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)


class PortTaken(Exception):
    def __init__(self, child: Child) -> None:
        assert child.port is not None
        super().__init__(f"{child.name}: {child.port[0]}:{child.port[1]} is in use")
        self.child = child


def ports_free(children: Sequence[Child]) -> None:
    """Raises PortTaken for the first child whose port something already listens on."""
    for child in children:
        if child.port is not None and _taken(*child.port):
            raise PortTaken(child)


def _taken(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as the servers do: TIME_WAIT is free
        try:
            probe.bind((host, port))
        except OSError as error:
            return error.errno in (errno.EADDRINUSE, errno.EACCES)
    return False


def _answers(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def run_together(children: Sequence[Child], on_ready: Callable[[], None] | None = None) -> int:
    """Starts the children, runs `on_ready` once every port answers, and returns when one of them
    exits (its code, or 1) or a stop is asked for (0). Raises PortTaken, starting nothing."""
    ports_free(children)
    stopping = False

    def request_stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        for child in children:
            child.process = subprocess.Popen(list(child.argv), env=dict(child.env) if child.env else None)
        waiting = [child.port for child in children if child.port is not None]
        deadline = time.monotonic() + READY_SECONDS
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
            if stopping:
                break
            if waiting:
                waiting = [port for port in waiting if not _answers(*port)]
                if not waiting and on_ready is not None:
                    on_ready()
                elif waiting and time.monotonic() > deadline:
                    names = ", ".join(f"{host}:{port}" for host, port in waiting)
                    print(f"panjereh: no answer on {names} after {READY_SECONDS:.0f} s; stopping", file=sys.stderr)
                    return 1
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
