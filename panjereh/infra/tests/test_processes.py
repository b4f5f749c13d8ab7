"""`panjereh demo`'s runner: a port already in use starts nothing; "ready" only once every port answers;
a child that dies stops the others, said once."""

from __future__ import annotations

import os
import signal
import socket
import sys

import pytest

from panjereh.infra.processes import Child, PortTaken, _answers, run_together

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


def test_a_child_that_dies_stops_the_others_and_says_so_once(capsys: pytest.CaptureFixture[str]) -> None:
    dying = Child("worker", [sys.executable, "-c", "raise SystemExit(3)"])
    other = Child("sandbox", SLEEPER)
    assert run_together([other, dying]) == 3
    assert other.process is not None and other.process.poll() is not None
    assert capsys.readouterr().err.count("worker exited with 3; stopping the rest") == 1
