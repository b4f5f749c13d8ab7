"""Each long-running process settles its start-up objects out of the collector's way (panjereh.infra.memory)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

from panjereh.infra.memory import settle

ROOT = Path(__file__).resolve().parents[3]


def test_settling_freezes_what_lives_and_collects_what_does_not() -> None:
    class Garbage:
        pass

    cycle = Garbage()
    cycle.me = cycle  # type: ignore[attr-defined]  # only the collector frees a cycle
    del cycle
    try:
        settle()
        assert gc.get_freeze_count() > 1000
        assert not any(isinstance(o, Garbage) for o in gc.get_objects(generation=None))
    finally:
        gc.unfreeze()


@pytest.mark.parametrize("module", ["panjereh.asgi", "panjereh.wsgi", "panjereh.exchange.gateway.asgi"])
def test_a_server_process_is_settled_once_it_has_loaded(module: str, tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}", "PYTHONPATH": str(ROOT)}
    probe = f"import gc, {module}; print(gc.get_freeze_count())"
    frozen = subprocess.run([sys.executable, "-c", probe], env=env, cwd=ROOT, capture_output=True, text=True,
                            timeout=120, check=True).stdout.split()[-1]  # fmt: skip
    assert int(frozen) > 50_000  # the framework, the project's modules, the URL patterns


@pytest.mark.django_db(transaction=True)
def test_the_worker_is_settled_before_it_runs_tasks() -> None:
    gc.unfreeze()
    try:
        call_command("worker", "--batch", "--threads", "1")
        assert gc.get_freeze_count() > 50_000
    finally:
        gc.unfreeze()
