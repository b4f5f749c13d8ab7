"""SQLite's writers queue in the kernel (panjereh.infra.sqlite) instead of sleeping in SQLite's busy handler."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from django.db import OperationalError, connections, transaction

from panjereh.infra.sqlite.base import WriteLock

ALIAS = "queued"  # conftest's file_database


def _impatient_write(done: list[Any], *, in_transaction: bool) -> None:
    """A write on this thread's own connection that SQLite alone would refuse at once (busy_timeout 0)."""
    connection = connections[ALIAS]
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA busy_timeout = 0")
        started = time.monotonic()
        if in_transaction:
            with transaction.atomic(using=ALIAS), connection.cursor() as cursor:
                cursor.execute("INSERT INTO item VALUES (2)")
        else:  # autocommit: one statement, its own transaction
            with connection.cursor() as cursor:
                cursor.execute("UPDATE item SET n = n + 10")
        done.append(time.monotonic() - started)
    except OperationalError as error:
        done.append(error)
    finally:
        connection.close()


@pytest.mark.parametrize("in_transaction", [True, False], ids=["transaction", "single statement"])
def test_a_writer_waits_its_turn_while_another_holds_the_database_and_then_writes(
    file_database: str, in_transaction: bool
) -> None:
    done: list[Any] = []
    with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
        cursor.execute("INSERT INTO item VALUES (1)")
        other = threading.Thread(target=_impatient_write, args=(done,), kwargs={"in_transaction": in_transaction})
        other.start()
        time.sleep(0.2)
        assert done == []  # waiting, not refused ("database is locked")
    other.join(5)
    assert len(done) == 1 and not isinstance(done[0], Exception), done
    assert done[0] >= 0.15  # it waited for the first writer's commit
    with connections[ALIAS].cursor() as cursor:
        cursor.execute("SELECT n FROM item ORDER BY n")
        rows = [n for (n,) in cursor.fetchall()]
    assert rows == ([1, 2] if in_transaction else [11])


def test_reads_do_not_wait_for_a_writer(file_database: str) -> None:
    read: list[Any] = []

    def reader() -> None:
        try:
            with connections[ALIAS].cursor() as cursor:
                cursor.execute("SELECT count(*) FROM item")
                read.append(cursor.fetchone()[0])
        finally:
            connections[ALIAS].close()

    with transaction.atomic(using=ALIAS), connections[ALIAS].cursor() as cursor:
        cursor.execute("INSERT INTO item VALUES (1)")
        thread = threading.Thread(target=reader)
        thread.start()
        thread.join(2)
        assert read == [0]  # at once, and without the uncommitted row


def test_a_failed_transaction_gives_its_turn_back(file_database: str) -> None:
    with pytest.raises(ZeroDivisionError), transaction.atomic(using=ALIAS):
        with connections[ALIAS].cursor() as cursor:
            cursor.execute("INSERT INTO item VALUES (1)")
        1 / 0  # noqa: B018
    lock = WriteLock.beside(connections[ALIAS].settings_dict["NAME"])
    assert lock is not None
    try:
        assert lock.acquire(blocking=False)  # free again
    finally:
        lock.close()


def test_the_queue_is_one_for_all_connections_of_the_file_and_none_for_a_database_in_memory(tmp_path: Any) -> None:
    first, second = WriteLock.beside(tmp_path / "db.sqlite3"), WriteLock.beside(f"file:{tmp_path}/db.sqlite3?mode=rw")
    assert first is not None and second is not None
    try:
        assert first.acquire(blocking=False)
        assert not second.acquire(blocking=False)  # the same file, another open: excluded, even in one process
        first.release()
        assert second.acquire(blocking=False)
    finally:
        first.close()
        second.close()
    assert WriteLock.beside(":memory:") is None
    assert WriteLock.beside("file:memorydb_default?mode=memory&cache=shared") is None


@pytest.mark.parametrize(("switch", "engine"), [("1", "panjereh.infra.sqlite"), ("0", "django.db.backends.sqlite3")])
def test_the_writer_queue_is_switched_off_by_its_setting(tmp_path: Path, switch: str, engine: str) -> None:
    """SQLITE_WRITER_QUEUE=0 (docs/decisions/0002) leaves SQLite to Django's own engine."""
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}", "AUDIT_DATABASE_URL": "",
           "PANJEREH_VAR_DIR": str(tmp_path), "SQLITE_WRITER_QUEUE": switch,
           "DJANGO_SETTINGS_MODULE": "panjereh.settings"}  # fmt: skip
    probe = "from django.conf import settings; print(settings.DATABASES['default']['ENGINE'])"
    shown = subprocess.run([sys.executable, "-c", f"import django; django.setup(); {probe}"], env=env, check=True,
                           capture_output=True, text=True, timeout=60)  # fmt: skip
    assert shown.stdout.strip() == engine
