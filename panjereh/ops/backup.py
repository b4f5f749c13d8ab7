"""Backing up and restoring the embedded default: both SQLite databases and the files under var/ that
nothing else can make again (the keys, the secret key, the audit log's witness file).

The databases are copied with SQLite's online backup API, a consistent copy taken while the platform
runs. The witness file is copied first: it may then lag the audit database, which verifies, and never
run ahead of it, which would read as a rollback. Every file of a backup has its SHA-256 in
`manifest.json`, and a restore checks them all before it writes anything. PostgreSQL has its own tools
(pg_dump, base backups and WAL archiving: docs/operations.md); this refuses it, saying so.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_ALIASES = ("default", "audit")
# What var/ holds that a restore needs and nothing can make again (paths relative to var/).
VAR_FILES = ("secret_key", "keys")
NOT_SQLITE = (
    "پشتیبان‌گیری این فرمان فقط برای پایگاه داده پیش‌فرض (SQLite) است؛ از PostgreSQL با ابزارهای خودش "
    "(pg_dump یا پشتیبان پایه و بایگانی WAL) پشتیبان بگیرید: docs/operations.md"
)


class BackupRefused(Exception):
    """Said in Persian; nothing was written."""


@dataclass
class Summary:
    folder: Path
    databases: list[str]
    files: int


def backup(folder: Path) -> Summary:
    """Writes a backup into `folder` (new, or empty), 0700 with files 0600."""
    sources = _sqlite_aliases()
    if folder.exists() and any(folder.iterdir()):
        raise BackupRefused(f"پوشه «{folder}» خالی نیست؛ پوشه‌ای تازه بدهید.")
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder, 0o700)
    var = Path(settings.VAR_DIR)
    files: dict[str, str] = {}
    witness = Path(settings.AUDIT_WITNESS_FILE)
    if witness.is_file() and witness.resolve().is_relative_to(var.resolve()):  # first: see the module's note
        files.update(_copy_tree(witness, folder / "var" / witness.relative_to(var), folder))
    for name in VAR_FILES:
        if (var / name).exists():
            files.update(_copy_tree(var / name, folder / "var" / name, folder))
    databases: dict[str, str] = {}
    for alias in sources:
        target = folder / f"{alias}.sqlite3"
        connection = connections[alias]
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)
        copy.close()
        databases[alias] = target.name
        files[target.name] = _sha256(target)
    manifest = {"format": FORMAT, "made_at": datetime.datetime.now(datetime.UTC).isoformat(),
                "databases": databases, "files": files}  # fmt: skip
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    return Summary(folder, list(databases), len(files))


def restore(folder: Path, *, replace: bool = False) -> Summary:
    """Puts a backup back: the databases where the settings name them, the files under VAR_DIR. Every
    checksum is checked first; an existing database is replaced only when asked (`replace`)."""
    manifest = _manifest(folder)
    targets = {alias: Path(str(connections[alias].settings_dict["NAME"])) for alias in _sqlite_aliases()}
    missing = set(manifest["databases"]) - set(targets)
    if missing:
        raise BackupRefused(f"پایگاه داده «{', '.join(sorted(missing))}» در تنظیمات این نصب نیست.")
    for relative, digest in manifest["files"].items():
        path = folder / relative
        if not path.is_file() or _sha256(path) != digest:
            raise BackupRefused(f"پرونده «{relative}» پشتیبان دست‌خورده یا ناقص است؛ چیزی بازگردانده نشد.")
    existing = [str(path) for alias, path in targets.items() if alias in manifest["databases"] and _has_data(path)]
    if existing and not replace:
        raise BackupRefused(f"پایگاه داده «{existing[0]}» داده دارد؛ برای جایگزینی آن --replace بدهید.")
    for connection in connections.all():
        connection.close()
    var = Path(settings.VAR_DIR)
    for relative in manifest["files"]:
        if relative.startswith("var/"):
            _put(folder / relative, var / relative.removeprefix("var/"))
    for alias, name in manifest["databases"].items():
        for leftover in (Path(f"{targets[alias]}-wal"), Path(f"{targets[alias]}-shm")):
            leftover.unlink(missing_ok=True)  # a journal of the database being replaced
        _put(folder / name, targets[alias])
    return Summary(folder, [a for a in DATABASE_ALIASES if a in manifest["databases"]], len(manifest["files"]))


def _sqlite_aliases() -> list[str]:
    """The database aliases to copy: both, or one when the audit log shares the main database."""
    seen: dict[str, str] = {}
    for alias in DATABASE_ALIASES:
        if connections[alias].vendor != "sqlite":
            raise BackupRefused(NOT_SQLITE)
        name = str(connections[alias].settings_dict["NAME"])
        if name not in seen.values():
            seen[alias] = name
    return list(seen)


def _manifest(folder: Path) -> dict[str, Any]:
    try:
        manifest: dict[str, Any] = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupRefused(f"در «{folder}» پشتیبانی (manifest.json) پیدا نشد.") from None
    if manifest.get("format") != FORMAT or not isinstance(manifest.get("files"), dict):
        raise BackupRefused("قالب این پشتیبان شناخته نیست.")
    for relative in manifest["files"]:  # never a path outside the backup, nor outside var/ on restore
        if Path(relative).is_absolute() or ".." in Path(relative).parts:
            raise BackupRefused(f"نام پرونده «{relative}» در پشتیبان پذیرفتنی نیست.")
    return manifest


def _copy_tree(source: Path, target: Path, root: Path) -> dict[str, str]:
    """Copies a file or a folder; returns {path relative to the backup: SHA-256}."""
    sums: dict[str, str] = {}
    for path in [source] if source.is_file() else sorted(p for p in source.rglob("*") if p.is_file()):
        destination = target if source.is_file() else target / path.relative_to(source)
        destination.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        shutil.copyfile(path, destination)
        os.chmod(destination, 0o600)
        sums[str(destination.relative_to(root))] = _sha256(destination)
    return sums


def _put(source: Path, target: Path) -> None:
    """Copies into place through a temporary file in the same folder, so a reader never sees half."""
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    os.close(handle)
    shutil.copyfile(source, temporary)
    os.chmod(temporary, 0o600)
    os.replace(temporary, target)


def _has_data(path: Path) -> bool:
    return path.is_file() and path.stat().st_size > 0


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
