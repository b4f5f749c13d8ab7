"""SQLite for Django, with its writers queued in the kernel instead of in SQLite's busy handler.

SQLite has one write lock per database. A writer that finds it taken sleeps in SQLite's busy
handler — 1, 2, 5, 10, 15, 20, 25 … 100 ms — and tries again, and a writer that comes later may
take the lock first. Under load that starved some writers (the web process and the worker's
threads writing at once): the tail of a submission was made of those sleeps, and under ASGI Django's
views share one thread, so every request behind a sleeping one waited too. The figure that keeps this
module, and its off switch (SQLITE_WRITER_QUEUE=0): docs/decisions/0002-sqlite-writer-queue.md.

Here a write transaction first takes an exclusive flock(2) on a file beside the database
(`<database>-writer.lock`); a writer that finds it taken sleeps in the kernel and is woken when it
is released, and only then begins (BEGIN IMMEDIATE, as settings.py asks). SQLite's own lock stays
in force for anything that does not use the file. In-memory databases (the tests') have no file
and no second process, and are left as they are.

A writer waits for the one before it, however long that takes — which is why no transaction may
wait on the network (the platform's rule already: see applications.services).
"""

from __future__ import annotations

import fcntl
import os
from typing import Any

from django.db.backends.sqlite3 import base

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "CREATE", "DROP", "ALTER")


class WriteLock:
    """An exclusive flock on `path`, held by one open file: two locks of one process exclude each other too."""

    def __init__(self, path: str) -> None:
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        self.held = False

    @classmethod
    def beside(cls, database: Any) -> WriteLock | None:
        """The lock of the database file `database` (a settings NAME), or None for an in-memory one."""
        name = str(database)
        if name in ("", ":memory:") or "mode=memory" in name:
            return None
        return cls(name.removeprefix("file:").split("?")[0] + "-writer.lock")

    def acquire(self, blocking: bool = True) -> bool:
        if self.held:
            return True
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
        except BlockingIOError:
            return False
        self.held = True
        return True

    def release(self) -> None:
        if self.held:
            self.held = False
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def close(self) -> None:
        self.release()
        os.close(self._fd)


class LockingCursor(base.SQLiteCursorWrapper):
    """Takes the write lock for one statement that writes outside a transaction (Django's autocommit)."""

    write_lock: WriteLock | None = None

    def execute(self, query: str, params: Any = None) -> Any:
        if not self._needs_lock(query):
            return super().execute(query, params)
        return self._locked(super().execute, query, params)

    def executemany(self, query: str, param_list: Any) -> Any:
        if not self._needs_lock(query):
            return super().executemany(query, param_list)
        return self._locked(super().executemany, query, param_list)

    def _needs_lock(self, query: str) -> bool:
        return (
            self.write_lock is not None
            and not self.write_lock.held
            and not self.connection.in_transaction
            and query.lstrip()[:7].upper().startswith(WRITES)
        )

    def _locked(self, run: Any, query: str, params: Any) -> Any:
        lock = self.write_lock
        assert lock is not None
        lock.acquire()
        try:
            return run(query, params)
        finally:
            lock.release()


class DatabaseWrapper(base.DatabaseWrapper):
    write_lock: WriteLock | None = None

    def connect(self) -> None:
        super().connect()
        self.write_lock = WriteLock.beside(self.settings_dict["NAME"])

    def create_cursor(self, name: str | None = None) -> Any:
        cursor = self.connection.cursor(factory=LockingCursor)
        cursor.write_lock = self.write_lock
        return cursor

    def _start_transaction_under_autocommit(self) -> None:
        if self.write_lock is not None:
            self.write_lock.acquire()
        try:
            super()._start_transaction_under_autocommit()  # type: ignore[misc]  # not in the stubs
        except BaseException:
            self._release_write_lock()
            raise

    def _commit(self) -> None:
        try:
            super()._commit()  # type: ignore[misc]
        finally:
            self._release_write_lock()

    def _rollback(self) -> None:
        try:
            super()._rollback()  # type: ignore[misc]
        finally:
            self._release_write_lock()

    def _close(self) -> None:
        try:
            super()._close()  # type: ignore[misc]
        finally:
            lock, self.write_lock = self.write_lock, None
            if lock is not None:
                lock.close()

    def _release_write_lock(self) -> None:
        if self.write_lock is not None:
            self.write_lock.release()
