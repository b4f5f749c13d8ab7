"""`panjereh demo`'s runner: a port already in use starts nothing; "ready" only once every port answers;
a child that dies is started again while the others go on; one that keeps failing to start stops the
others, said once."""

from __future__ import annotations

import os
import signal
import socket
import sys
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
