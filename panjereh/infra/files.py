"""What the platform keeps on its own disk (var/: the SQLite databases and their logs, keys, the SMS
outbox, the audit witness) is readable by the service's own user only.

The process's umask is 0077, so every file it creates (SQLite's database, WAL and shared-memory
files among them, which SQLite makes with the database's mode) is 0600 and every folder 0700; what
an older version left readable to others is closed once at start-up.
"""

from __future__ import annotations

import os
from pathlib import Path

PRIVATE_UMASK = 0o077


def private_var_dir(var_dir: Path) -> None:
    os.umask(PRIVATE_UMASK)
    var_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    _close(var_dir, 0o700)
    for path in var_dir.iterdir():  # one level: the databases, key and outbox folders
        if path.is_symlink():
            continue
        if path.is_dir():
            _close(path, 0o700)
            for inner in path.iterdir() if path.name != "static" else ():
                if inner.is_file() and not inner.is_symlink():
                    _close(inner, 0o600)
        elif path.is_file():
            _close(path, 0o600)


def _close(path: Path, mode: int) -> None:
    try:
        if path.stat().st_mode & 0o777 != mode:
            path.chmod(mode)
    except OSError:  # not ours (another user's file in a shared folder): leave it, and say nothing
        pass
