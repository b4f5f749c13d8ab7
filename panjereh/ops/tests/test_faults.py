"""Faults on the production path, with real processes on loopback (bounded in count and time):

- a web process killed (SIGKILL) during concurrent submissions: every application answered 201 is
  there afterwards, none twice, and the server goes on answering;
- a worker killed in the middle of its tasks: the work resumes and each decision's SMS goes out once;
- PostgreSQL restarted under load (the PostgreSQL run of `make test`): the processes recover without
  being restarted themselves.

Redis down is in test_cache_down.py (in process: the portal keeps serving with its limits uncounted)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from panjereh.ops.tests.production import Production, apply, free_port, production
from panjereh.persian import to_ascii_digits


@pytest.fixture
def world(tmp_path: Path, redis_url: str, sandbox_url: str) -> Iterator[Production]:
    redis = redis_url.rsplit("/", 1)[0] + "/8"
    yield from production(tmp_path, redis, sandbox_url, WORK_STALE_SECONDS="2", PUBLIC_RATE_PER_IP="")


def submit_all(origin: str, token: str, keys: list[str], during: threading.Event) -> dict[str, str]:
    """Submits each key as a client does: on a broken connection or a 5xx it sends the same request with
    the same Idempotency-Key again, and on a 409 for a request still in flight (its first try may have
    died with the process that held it) again after `Retry-After`, until an answer comes. Returns key →
    tracking code."""
    codes: dict[str, str] = {}

    def one(key: str) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                answer = apply(origin, token, key)
            except httpx.HTTPError:
                time.sleep(0.25)
                continue
            if answer.status_code >= 500:
                time.sleep(0.25)
                continue
            if answer.status_code == 409 and answer.json()["error"]["code"] == "request_in_progress":
                time.sleep(int(answer.headers["Retry-After"]))
                continue
            assert answer.status_code in (200, 201), answer.text
            codes[key] = answer.json()["tracking_code"]
            if len(codes) == len(keys) // 3:
                during.set()  # a third are in: time for the fault
            return
        raise AssertionError(f"{key}: no answer in two minutes")

    with ThreadPoolExecutor(8) as pool:
        list(pool.map(one, keys))
    return codes


def granian_workers(world: Production, name: str) -> list[int]:
    """The worker processes of the web server's granian (the children of its first process)."""
    master = next(pid for pid in world.children(name) if b"granian" in Path(f"/proc/{pid}/cmdline").read_bytes())
    return [
        int(child) for path in Path(f"/proc/{master}/task").glob("*/children") for child in path.read_text().split()
    ]


def test_a_web_process_killed_during_submissions_loses_no_application(world: Production) -> None:
    web, gateway = world.serve("serve", web_workers=2, gateway_workers=1)
    assert gateway is not None
    world.start("workers", "worker", "--processes", "1", env={"EXCHANGE_URL": gateway})
    token = world.login(web, token=True).json()["access_token"]
    victims = granian_workers(world, "serve")
    assert len(victims) == 2, victims
    halfway = threading.Event()
    killer = threading.Thread(target=lambda: halfway.wait(60) and os.kill(victims[0], signal.SIGKILL))
    killer.start()
    keys = [f"killed-web-{n:04d}" for n in range(45)]
    codes = submit_all(web, token, keys, halfway)
    killer.join()
    assert sorted(codes) == sorted(keys)
    deadline = time.monotonic() + 30  # granian started another in its place
    while victims[0] in granian_workers(world, "serve") or len(granian_workers(world, "serve")) < 2:
        assert time.monotonic() < deadline, granian_workers(world, "serve")
        time.sleep(0.2)
    for code in set(codes.values()):  # each is there, and each key made one application
        answer = httpx.get(f"{web}/api/v1/applications/{code}", headers={"Authorization": f"Bearer {token}"},
                           timeout=30)  # fmt: skip
        assert answer.status_code == 200, answer.text
    assert len(set(codes.values())) == len(keys)
    mine = httpx.get(f"{web}/api/v1/applications", headers={"Authorization": f"Bearer {token}"}, timeout=30).json()
    assert len(mine) == len(keys)  # none twice
    assert httpx.get(f"{web}/healthz", timeout=30).status_code == 200


def test_a_worker_killed_mid_task_resumes_and_each_sms_goes_out_once(world: Production, sandbox_url: str) -> None:
    web, gateway = world.serve("serve", web_workers=1, gateway_workers=1)
    assert gateway is not None
    token = world.login(web, token=True).json()["access_token"]
    # The judiciary answers slowly, so that the workers are in the middle of their tasks when one dies.
    httpx.put(f"{sandbox_url}/_faults/judiciary", json={"latency_ms": 1500}, timeout=5).raise_for_status()
    try:
        world.start("workers", "worker", "--processes", "2", "--threads", "2", env={"EXCHANGE_URL": gateway})
        answers = [apply(web, token, f"killed-worker-{n:04d}") for n in range(6)]
        assert [answer.status_code for answer in answers] == [201] * 6
        codes = [answer.json()["tracking_code"] for answer in answers]
        deadline = time.monotonic() + 60
        while not world.shell("import json; from django_tasks_db.models import DBTaskResult; "
                              "print(json.dumps(DBTaskResult.objects.filter(status='RUNNING').count()))"):  # fmt: skip
            assert time.monotonic() < deadline, "no task started"
            time.sleep(0.2)
        children = [pid for pid in world.children("workers") if b"worker" in Path(f"/proc/{pid}/cmdline").read_bytes()]
        os.kill(children[0], signal.SIGKILL)
        states = wait_decided(web, token, codes, seconds=90)
    finally:
        httpx.delete(f"{sandbox_url}/_faults", timeout=5)
    assert set(states.values()) == {"issued"}, states
    decided = Counter(to_ascii_digits(m["text"]) for m in world.sms() if "صادر شد" in m["text"])
    assert sorted(code for code in codes if any(code in text for text in decided)) == sorted(codes)
    assert set(decided.values()) == {1} and len(decided) == len(codes), decided  # each once


def wait_settled(origin: str, token: str, codes: list[str], seconds: float) -> dict[str, str]:
    """Waits until each application is decided or handed to the agency's people."""
    return wait_decided(origin, token, codes, seconds, settled=("issued", "rejected", "waiting_for_agency"))


def wait_decided(
    origin: str, token: str, codes: list[str], seconds: float, settled: tuple[str, ...] = ("issued", "rejected")
) -> dict[str, str]:
    deadline = time.monotonic() + seconds
    states: dict[str, str] = {}
    while time.monotonic() < deadline:
        for code in codes:
            answer = httpx.get(f"{origin}/api/v1/applications/{code}", headers={"Authorization": f"Bearer {token}"},
                               timeout=30)  # fmt: skip
            states[code] = answer.json()["status"] if answer.status_code == 200 else f"http {answer.status_code}"
        if all(state in settled for state in states.values()):
            return states
        time.sleep(0.5)
    raise AssertionError(f"not settled in {seconds} s: {states}")


def postgres_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: [int(x) for x in p.parent.name.split(".")])
    return found[-1] if found else None


@pytest.fixture
def own_postgres() -> Iterator[tuple[str, list[str]]]:
    """A PostgreSQL cluster of this test's own (it is restarted: the suite's is shared), durable settings."""
    bindir = postgres_bin()
    assert bindir is not None, "PostgreSQL is not installed (scripts/with-postgres.sh installs it)"
    folder = Path(tempfile.mkdtemp(prefix="panjereh-pg-fault-"))
    as_pg: list[str] = []
    if os.getuid() == 0:  # initdb refuses root: the cluster belongs to the postgres user
        shutil.chown(folder, "postgres")
        as_pg = ["runuser", "-u", "postgres", "--"]
    port = free_port()
    ctl = [*as_pg, str(bindir / "pg_ctl"), "-D", str(folder / "data"), "-l", str(folder / "log"), "-w",
           "-o", f"-c listen_addresses=127.0.0.1 -p {port} -k {folder}"]  # fmt: skip
    subprocess.run([*as_pg, str(bindir / "initdb"), "-D", str(folder / "data"), "-U", "postgres", "--auth=trust",
                    "-E", "UTF8", "--locale=C.UTF-8"], check=True, capture_output=True, timeout=120)  # fmt: skip
    subprocess.run([*ctl, "start"], check=True, capture_output=True, timeout=60)
    subprocess.run([str(bindir / "psql"), "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-qc",
                    "CREATE DATABASE panjereh"], check=True, capture_output=True, timeout=60)  # fmt: skip
    try:
        yield f"postgres://postgres@127.0.0.1:{port}/panjereh", ctl
    finally:
        subprocess.run([*ctl[:-2], "-m", "immediate", "stop"], capture_output=True, timeout=60, check=False)
        shutil.rmtree(folder, ignore_errors=True)


@pytest.mark.skipif(not os.environ.get("DATABASE_URL", "").startswith("postgres"),
                    reason="PostgreSQL restarts are tried in the PostgreSQL run of make test")  # fmt: skip
def test_postgresql_restarted_under_load_the_processes_recover_by_themselves(
    tmp_path: Path, redis_url: str, sandbox_url: str, own_postgres: tuple[str, list[str]]
) -> None:
    url, ctl = own_postgres
    redis = redis_url.rsplit("/", 1)[0] + "/9"
    worlds = production(tmp_path, redis, sandbox_url, database_url=url, WORK_STALE_SECONDS="2")
    world = next(worlds)
    try:
        web, gateway = world.serve("serve", web_workers=1, gateway_workers=1)
        assert gateway is not None
        world.start("workers", "worker", "--processes", "1", env={"EXCHANGE_URL": gateway})
        token = world.login(web, token=True).json()["access_token"]
        before = sorted(world.children("serve") + world.children("workers"))
        restarted = threading.Event()

        def restart() -> None:
            time.sleep(1.0)
            subprocess.run([*ctl, "-m", "fast", "restart"], check=True, capture_output=True, timeout=120)
            restarted.set()

        restarter = threading.Thread(target=restart)
        restarter.start()
        keys = [f"pg-restart-{n:04d}" for n in range(30)]
        codes: dict[str, str] = {}
        for key in keys:  # through the restart, one at a time, each sent again until answered
            codes.update(submit_all(web, token, [key], threading.Event()))
            time.sleep(0.1)
        restarter.join()
        assert restarted.is_set()
        assert sorted(codes) == sorted(keys)  # every one answered 201 (or its replay 200), none lost
        # Inquiries that met the outage were tried again and, past their tries, handed to the agency's
        # officers (docs/applications.md): waiting is not lost. What comes after is decided as usual.
        states = wait_settled(web, token, sorted(set(codes.values())), seconds=120)
        assert set(states.values()) <= {"issued", "waiting_for_agency"}, states
        later = [apply(web, token, f"pg-after-{n}") for n in range(3)]
        assert [answer.status_code for answer in later] == [201] * 3
        after = wait_settled(web, token, [answer.json()["tracking_code"] for answer in later], seconds=60)
        assert set(after.values()) == {"issued"}, after
        assert sorted(world.children("serve") + world.children("workers")) == before  # nothing was restarted
        assert "Internal Server Error" not in world.log("serve")  # the outage was a 503, not a 500
    finally:
        next(worlds, None)  # stops what it started
