"""What the benchmarks share: a database of their own, and a free loopback port."""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import struct
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class BenchDatabase:
    url: str
    var_dir: Path
    pg_admin_url: str = ""
    pg_name: str = ""

    def drop(self) -> None:
        """Drop the PostgreSQL database made for the run (a SQLite file just stays in the temp folder)."""
        if not self.pg_name:
            return
        from django.db import connection

        connection.close()
        import psycopg

        with psycopg.connect(self.pg_admin_url, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')


def fresh_database(prefix: str) -> BenchDatabase:
    """A SQLite file in a new temporary folder, or a new database on the PostgreSQL server that
    DATABASE_URL names; the process environment is set for Django to use it. The audit log's database
    goes with it (panjereh.settings): a second file beside it, or the same PostgreSQL database."""
    var_dir = Path(tempfile.mkdtemp(prefix=f"panjereh-{prefix}-"))
    given = os.environ.get("DATABASE_URL", "")
    database = BenchDatabase(url=f"sqlite:///{var_dir / 'bench.sqlite3'}", var_dir=var_dir)
    if given.startswith("postgres"):
        import psycopg

        name = f"panjereh_{prefix.replace('-', '_')}_{secrets.token_hex(4)}"
        with psycopg.connect(given, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        database = BenchDatabase(given.rsplit("/", 1)[0] + "/" + name, var_dir, given, name)
    os.environ.update(
        DATABASE_URL=database.url, PANJEREH_VAR_DIR=str(var_dir), DJANGO_SETTINGS_MODULE="panjereh.settings"
    )
    os.environ.pop("AUDIT_DATABASE_URL", None)  # never a benchmark's records in a configured audit database
    return database


def migrate() -> None:
    """Both databases: the main one and the audit log's (after django.setup())."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("migrate", database="audit", verbosity=0)


CLK_TCK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(root_pid: int) -> float:
    """utime + stime of a process and its children (granian's workers), from /proc."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry.name), int(fields[1])
        if pid == root_pid or ppid == root_pid:
            total += (int(fields[11]) + int(fields[12])) / CLK_TCK
    return total


CPU_LATENCY_QOS = "/dev/cpu_dma_latency"


@contextlib.contextmanager
def shallow_cpu_idle(wanted: bool) -> Iterator[tuple[bool, str]]:
    """While open, asks the kernel (PM QoS, the file tuned's latency-performance profile writes) to keep
    every CPU out of idle states that take longer than 0 µs to leave: on a virtual machine whose idle
    CPUs halt, waking one costs more than the work it wakes for. For the whole machine, for the run only
    (closing the file drops the request); root only. Yields whether it was done, and how, for the output."""
    if not wanted:
        yield False, "as the machine has it (--cpu-qos: kept out of deep idle)"
        return
    try:
        handle = os.open(CPU_LATENCY_QOS, os.O_WRONLY)
    except OSError as error:
        yield False, f"as the machine has it ({CPU_LATENCY_QOS}: {error.strerror})"
        return
    try:
        os.write(handle, struct.pack("i", 0))
        yield True, f"kept out of deep idle for the run ({CPU_LATENCY_QOS} = 0 µs)"
    finally:
        os.close(handle)


def stop(process: subprocess.Popen[bytes]) -> None:
    """SIGINT, then a kill if it has not stopped within 30 s."""
    process.send_signal(signal.SIGINT)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def wait_for_port(port: int, seconds: float = 60) -> None:
    """Until something listens on 127.0.0.1:port."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"nothing listens on {port}")
