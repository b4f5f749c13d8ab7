"""`panjereh demo`'s runner: a port already in use starts nothing; "ready" only once every port answers;
a child that dies is started again while the others go on, and nothing it started outlives it; one that
keeps failing to start stops the others, said once."""

from __future__ import annotations

import os
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from panjereh.infra.processes import Child, PortTaken, Supervision, _answers, run_together

SLEEPER = [sys.executable, "-c", "import time; time.sleep(60)"]
LISTENER = """
import socket, sys, time
time.sleep(0.3)  # as a server takes a moment to load
server = socket.socket(); server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", int(sys.argv[1]))); server.listen(); time.sleep(60)
"""


def test_a_port_in_use_starts_nothing(free_port: int) -> None:
    with socket.socket() as other:
        other.bind(("127.0.0.1", free_port))
        other.listen()
        first, second = Child("sandbox", SLEEPER), Child("web", SLEEPER, port=("127.0.0.1", free_port))
        with pytest.raises(PortTaken) as taken:
            run_together([first, second])
    assert taken.value.child is second
    assert first.process is None and second.process is None  # nothing started, nothing left behind


def test_ready_is_said_only_once_every_port_answers(free_port: int) -> None:
    seen: list[bool] = []

    def ready() -> None:
        seen.append(_answers("127.0.0.1", free_port))
        os.kill(os.getpid(), signal.SIGTERM)  # as Ctrl-C would, once the banner is out

    child = Child("web", [sys.executable, "-c", LISTENER, str(free_port)], port=("127.0.0.1", free_port))
    assert run_together([child], on_ready=ready) == 0
    assert seen == [True]
    assert child.process is not None and child.process.poll() is not None  # stopped with the rest


CRASHES_TWICE = """
import os, pathlib, signal, sys, time
runs = pathlib.Path(sys.argv[1])
count = int(runs.read_text()) + 1 if runs.exists() else 1
runs.write_text(str(count))
if count < 3:
    raise SystemExit(5)
os.kill(os.getppid(), signal.SIGTERM)  # up for good the third time: the test is over, as Ctrl-C would say
time.sleep(60)
"""


def test_a_child_that_dies_is_started_again_while_the_others_go_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    crashing = Child("worker", [sys.executable, "-c", CRASHES_TWICE, str(tmp_path / "runs")])
    other = Child("sandbox", SLEEPER)
    # start_seconds=0: each run counts as having started well, so it is restarted after the first pause
    assert run_together([other, crashing], supervision=Supervision(start_seconds=0, backoff_seconds=0.01)) == 0
    assert (tmp_path / "runs").read_text() == "3" and crashing.restarts == 2
    assert other.restarts == 0 and other.process is not None and other.process.poll() is not None  # stopped at the end
    said = capsys.readouterr().err
    assert "worker exited with 5; starting it again in 0.01 s (restart 1)" in said
    assert "worker exited with 5; starting it again in 0.01 s (restart 2)" in said


def test_a_child_that_keeps_failing_to_start_stops_the_others_and_says_so_once(
    capsys: pytest.CaptureFixture[str],
) -> None:
    dying = Child("worker", [sys.executable, "-c", "raise SystemExit(3)"])
    other = Child("sandbox", SLEEPER)
    patience = Supervision(start_seconds=60, start_tries=3, backoff_seconds=0.01)
    assert run_together([other, dying], supervision=patience) == 3
    assert dying.restarts == 2 and other.process is not None and other.process.poll() is not None
    said = capsys.readouterr().err
    assert "starting it again in 0.01 s (restart 1)" in said and "in 0.02 s (restart 2)" in said  # doubled
    assert said.count("worker exited with 3 3 times in a row as it started; stopping the rest") == 1


# A server with processes of its own, as granian's master and its worker: the worker's pid in a file.
SPAWNS = """
import os, pathlib, subprocess, sys, time
worker = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
pathlib.Path(sys.argv[1] + ".tmp").write_text(str(worker.pid))
os.replace(sys.argv[1] + ".tmp", sys.argv[1])
time.sleep(60)
"""


def _gone(pid: int) -> bool:
    """No such process, or only its zombie (whoever inherited it has not reaped it yet)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] == "Z"
    except FileNotFoundError:
        return Path("/proc/self").exists()  # vanished meanwhile; without /proc a zombie cannot be told
    except (OSError, IndexError):
        return False


def _within(seconds: float, done: Callable[[], bool]) -> bool:
    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def _pid_in(path: Path) -> int:
    assert _within(30, path.exists), "the child never started its worker"
    return int(path.read_text())


def _supervised(children: list[Child], meanwhile: Callable[[], None]) -> int:
    """run_together, with `meanwhile` in a thread, which ends it with SIGTERM (as Ctrl-C would). A
    SIGTERM arriving after run_together returned is ignored, not the end of the test run."""
    previous = signal.signal(signal.SIGTERM, lambda signum, frame: None)

    def then_stop() -> None:
        try:
            meanwhile()
        finally:
            os.kill(os.getpid(), signal.SIGTERM)

    thread = threading.Thread(target=then_stop)
    try:
        thread.start()
        return run_together(children, supervision=Supervision(start_seconds=0, backoff_seconds=0.01))
    finally:
        thread.join()
        signal.signal(signal.SIGTERM, previous)


def test_a_child_killed_outright_takes_its_own_processes_with_it_before_it_is_started_again(tmp_path: Path) -> None:
    child = Child("web", [sys.executable, "-c", SPAWNS, str(tmp_path / "worker")])
    seen: dict[str, object] = {}

    def kill_the_child() -> None:
        seen["worker"] = worker = _pid_in(tmp_path / "worker")
        assert child.process is not None
        os.kill(child.process.pid, signal.SIGKILL)  # as the reviewer killed granian's master
        seen["worker gone"] = _within(10, lambda: _gone(worker))
        seen["restarted"] = _within(10, lambda: child.restarts == 1)

    try:
        assert _supervised([child], kill_the_child) == 0
        assert seen["worker gone"] is True and seen["restarted"] is True
    finally:
        _kill_left_over(tmp_path / "worker", seen.get("worker"))


def test_stopping_ends_what_each_child_started_too(tmp_path: Path) -> None:
    child = Child("web", [sys.executable, "-c", SPAWNS, str(tmp_path / "worker")])
    seen: dict[str, object] = {}

    def wait_for_the_worker() -> None:
        seen["worker"] = _pid_in(tmp_path / "worker")

    try:
        assert _supervised([child], wait_for_the_worker) == 0
        worker = seen["worker"]
        assert isinstance(worker, int) and _within(10, lambda: _gone(worker))
        assert child.process is not None and child.process.poll() is not None
    finally:
        _kill_left_over(tmp_path / "worker", seen.get("worker"))


def _kill_left_over(path: Path, *pids: object) -> None:
    """A test that failed must not leave its sleepers behind."""
    for pid in {*pids, int(path.read_text()) if path.exists() else None}:
        if isinstance(pid, int) and not _gone(pid):
            os.kill(pid, signal.SIGKILL)
