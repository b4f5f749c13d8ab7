"""The production path with several processes of each kind on one database and one Redis: a session
made at one web process is good at another, no exchange token id is accepted twice by different
gateway processes, no task is run twice by different workers, and rate limits count across processes.

Two `panjereh serve` (one with 2 web and 2 gateway processes, one with a web process whose origin
serves /exchange/ too) and `panjereh worker --processes 2`, on PostgreSQL in the PostgreSQL run of
`make test` and on SQLite files in the other, with a real Redis in both."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from panjereh.ops.tests.production import PERSON, Production, apply, production
from panjereh.persian import to_ascii_digits

FINAL = ("issued", "rejected")


@pytest.fixture
def world(tmp_path: Path, redis_url: str, sandbox_url: str) -> Iterator[Production]:
    redis = redis_url.rsplit("/", 1)[0] + "/7"  # a Redis database of its own
    yield from production(tmp_path, redis, sandbox_url, PUBLIC_RATE_PER_IP="20/m", TRUSTED_PROXIES="127.0.0.1")


def wait_final(origin: str, token: str, codes: list[str], seconds: float = 90) -> dict[str, str]:
    deadline = time.monotonic() + seconds
    states: dict[str, str] = {}
    while time.monotonic() < deadline:
        for code in codes:
            answer = httpx.get(f"{origin}/api/v1/applications/{code}", timeout=30,
                               headers={"Authorization": f"Bearer {token}"})  # fmt: skip
            assert answer.status_code == 200, answer.text
            states[code] = answer.json()["status"]
        if all(state in FINAL for state in states.values()):
            return states
        time.sleep(0.5)
    raise AssertionError(f"not decided in {seconds} s: {states}")


def test_several_processes_of_each_kind_share_one_state(world: Production) -> None:
    a_web, a_gateway = world.serve("serve-a", web_workers=2, gateway_workers=2)
    b_web, _ = world.serve("serve-b", web_workers=1, gateway_workers=0)
    assert a_gateway is not None
    world.start("workers", "worker", "--processes", "2", "--threads", "2", env={"EXCHANGE_URL": a_gateway})

    # A session made at one web process is good at the others.
    session = world.login(a_web).cookies
    for origin in (b_web, a_web) * 3:
        me = httpx.get(f"{origin}/api/v1/me", cookies=session, timeout=30)
        assert me.status_code == 200 and me.json()["national_code"] == PERSON, me.text

    # An exchange token is good once, whichever gateway process gets it first or next.
    token = world.shell("import json; from panjereh.exchange.client import platform_token; "
                        "print(json.dumps(platform_token()))")  # fmt: skip
    call = {"headers": {"Authorization": f"Bearer {token}", "X-Purpose": "login-identity", "X-Subject": PERSON},
            "json": {"national_code": PERSON}, "timeout": 30}  # fmt: skip
    first = httpx.post(f"{a_gateway}/exchange/v1/sabtahval/person", **call)  # type: ignore[arg-type]
    assert first.status_code == 200, first.text
    replays = [httpx.post(f"{origin}/exchange/v1/sabtahval/person", **call).status_code  # type: ignore[arg-type]
               for origin in (b_web, a_gateway, a_web, a_gateway)]  # fmt: skip
    assert replays == [401, 401, 401, 401]

    # Applications sent to either web process are decided once each, by one of the two workers.
    bearer = world.login(b_web, token=True).json()["access_token"]
    with ThreadPoolExecutor(8) as pool:
        answers = list(pool.map(lambda n: apply((a_web, b_web)[n % 2], bearer, f"prod-path-{n:04d}"), range(12)))
    assert [answer.status_code for answer in answers] == [201] * 12, [a.text for a in answers]
    codes = [answer.json()["tracking_code"] for answer in answers]
    assert set(wait_final(a_web, bearer, codes).values()) == {"issued"}
    tasks = world.shell(
        "import json; from django_tasks_db.models import DBTaskResult; "
        "print(json.dumps([[r.status, r.worker_ids] for r in DBTaskResult.objects.filter("
        "task_path__endswith='process_application')]))"
    )
    assert len(tasks) >= 12 and all(status == "SUCCESSFUL" and len(ids) == 1 for status, ids in tasks), tasks
    assert len({ids[0] for _, ids in tasks}) >= 2  # the work was shared
    decided = [m for m in world.sms() if any(code in to_ascii_digits(m["text"]) for code in codes)]
    counts = Counter(m["text"] for m in decided)
    assert len(counts) == 12 and set(counts.values()) == {1}, counts  # one message each, sent once

    # A public limit of 20 a minute is 20 across processes, not 20 at each.
    statuses = [httpx.get(f"{origin}/api/v1/services", params={"q": "گواهی"}, timeout=30,
                          headers={"X-Forwarded-For": "10.30.0.1"}).status_code
                for origin in (a_web, b_web) * 12]  # fmt: skip
    assert Counter(statuses) == {200: 20, 429: 4}, statuses
