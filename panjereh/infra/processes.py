"""Run a few child processes together, keep them running, and stop them together (`panjereh demo`).

Before anything starts, every port the children will listen on is checked: one already taken stops
everything with a clear message and starts nothing. Once started, `on_ready` runs only when every
port answers. A child that dies is started again after a pause, said and counted each time, while
the others go on; a child that keeps failing to start (it exits within `start_seconds`, `start_tries`
times in a row: a broken configuration, not bad luck) stops everything, said once, with its exit
code. The pause doubles with each failed start (as supervisord's and systemd's restarts do). Ctrl-C
(SIGINT), SIGTERM or SIGHUP stops every child this process started, by its own pid, and waits for it, so
nothing is left running.

Each child runs in a process group of its own, whose id is its pid, and it is ended as a group
(SIGTERM, then SIGKILL after the grace period): a server with processes of its own (granian's workers)
leaves none of them behind, neither when it dies (before it is started again: an orphan would go on
serving the port beside the new one, unsupervised) nor when everything stops. Being in a session of
its own, a child no longer gets the terminal's Ctrl-C itself: it gets the SIGTERM sent here.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

STOP_GRACE_SECONDS = 10.0
READY_SECONDS = 120.0  # the slowest child (the web process, loading Django) answers well within this


@dataclass(frozen=True)
class Supervision:
    start_seconds: float = 10.0  # a child that exits sooner than this after starting failed to start
    start_tries: int = 3  # failed starts in a row before giving up
    backoff_seconds: float = 1.0  # the pause before a restart, doubled per failed start in a row
    backoff_max_seconds: float = 30.0


@dataclass
class Child:
    name: str
    argv: Sequence[str]
    env: Mapping[str, str] | None = None
    port: tuple[str, int] | None = None  # (host, port) it listens on, if it does
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)
    restarts: int = 0
    failed_starts: int = 0  # in a row
    started_at: float = 0.0
    restart_at: float | None = None  # dead, to be started again at this time.monotonic()

    def start(self) -> None:
        # A session (so a group) of its own: whatever it starts can be ended with it (_end_groups).
        self.process = subprocess.Popen(
            list(self.argv), env=dict(self.env) if self.env else None, start_new_session=True
        )
        self.started_at, self.restart_at = time.monotonic(), None


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


def run_together(
    children: Sequence[Child], on_ready: Callable[[], None] | None = None, supervision: Supervision = Supervision()
) -> int:
    """Starts the children, runs `on_ready` once every port answers, restarts a child that dies, and
    returns when a stop is asked for (0) or a child keeps failing to start (its code, or 1). Raises
    PortTaken, starting nothing."""
    ports_free(children)
    stopping = False

    def request_stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)}
    try:
        for child in children:
            child.start()
        waiting = [child.port for child in children if child.port is not None]
        deadline = time.monotonic() + READY_SECONDS
        while not stopping:
            for child in children:
                if (code := _tended(child, supervision)) is not None:
                    return code
            if waiting:
                waiting = [port for port in waiting if not _answers(*port)]
                if not waiting and on_ready is not None:
                    on_ready()
                elif waiting and time.monotonic() > deadline:
                    names = ", ".join(f"{host}:{port}" for host, port in waiting)
                    print(f"panjereh: no answer on {names} after {READY_SECONDS:.0f} s; stopping", file=sys.stderr)
                    return 1
            time.sleep(0.2)
        return 0
    finally:
        _stop_all(children)
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _tended(child: Child, supervision: Supervision) -> int | None:
    """Notices a child's death and starts it again when its pause is over; returns an exit code when
    it has failed to start too often, so everything stops."""
    now = time.monotonic()
    if child.restart_at is not None:
        if now >= child.restart_at:
            child.restarts += 1
            child.start()
        return None
    assert child.process is not None
    code = child.process.poll()
    if code is None:
        return None
    _end_groups([child.process])  # what it started dies with it, before another one takes its port
    child.failed_starts = child.failed_starts + 1 if now - child.started_at < supervision.start_seconds else 0
    if child.failed_starts >= supervision.start_tries:
        print(f"panjereh: {child.name} exited with {code} {child.failed_starts} times in a row as it started; "
              "stopping the rest", file=sys.stderr)  # fmt: skip
        return code or 1
    pause = min(supervision.backoff_seconds * 2 ** max(0, child.failed_starts - 1), supervision.backoff_max_seconds)
    child.restart_at = now + pause
    print(f"panjereh: {child.name} exited with {code}; starting it again in {pause:g} s "
          f"(restart {child.restarts + 1})", file=sys.stderr)  # fmt: skip
    return None


def _stop_all(children: Sequence[Child]) -> None:
    _end_groups([c.process for c in children if c.process is not None and c.process.returncode is None])


def _end_groups(processes: Sequence[subprocess.Popen[bytes]]) -> None:
    """Ends each child's process group: SIGTERM, a grace period for all of them together, then SIGKILL
    to what is left. Only our children's groups, by their pid: a group's id is not given to another
    process while any member of the group lives."""
    for process in processes:
        _signal_group(process, signal.SIGTERM)
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    left = list(processes)
    while left and time.monotonic() < deadline:
        time.sleep(0.05)
        left = [process for process in left if _group_lives(process)]
    for process in left:
        _signal_group(process, signal.SIGKILL)
        if process.poll() is None:  # it left its group: still ours, by its pid (not reaped yet)
            process.kill()
    for process in processes:
        process.wait()


def _signal_group(process: subprocess.Popen[bytes], sig: int) -> None:
    # Empty (the child is gone and left nothing behind), or only members we may not signal (setuid).
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, sig)


def _group_lives(process: subprocess.Popen[bytes]) -> bool:
    if process.poll() is None:
        return True
    # Members orphaned to us (this process is PID 1 in a container) are reaped here, or their zombies
    # would keep the group alive; only once the child itself is reaped, so Popen keeps its exit code.
    with contextlib.suppress(ChildProcessError):
        while os.waitpid(-process.pid, os.WNOHANG)[0]:
            pass
    try:
        os.killpg(process.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # members we may not signal: they live, and the grace period is theirs
        return True
    return True
