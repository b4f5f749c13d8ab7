"""What the platform keeps on disk is its own user's alone: the databases (with live sessions, OIDC
tokens and personal data), keys and outboxes are 0600 in folders 0700."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from panjereh.infra.files import private_var_dir


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_a_fresh_installations_databases_and_keys_are_private(tmp_path: Path) -> None:
    var = tmp_path / "var"
    env = {**os.environ, "PANJEREH_VAR_DIR": str(var), "DATABASE_URL": "", "AUDIT_DATABASE_URL": "",
           "DJANGO_SETTINGS_MODULE": "panjereh.settings", "SECRET_KEY": ""}  # fmt: skip
    env.pop("DATABASE_URL")
    for alias in ("default", "audit"):
        subprocess.run([sys.executable, "-m", "django", "migrate", "--noinput", "-v", "0", "--database", alias],
                       env=env, check=True, timeout=300)  # fmt: skip
    files = [path for path in var.rglob("*") if path.is_file()]
    assert {path.name for path in files} >= {"panjereh.sqlite3", "panjereh-audit.sqlite3", "secret_key"}
    assert {path.name: mode(path) for path in files} == {path.name: 0o600 for path in files}
    assert mode(var) == 0o700
    assert all(mode(path) == 0o700 for path in var.rglob("*") if path.is_dir())


def test_what_an_older_version_left_readable_is_closed_at_start_up(tmp_path: Path) -> None:
    var = tmp_path / "var"
    (var / "keys").mkdir(parents=True)
    var.chmod(0o755)
    (var / "keys").chmod(0o755)
    database, key = var / "panjereh.sqlite3", var / "keys" / "oidc-rsa.pem"
    for path in (database, key):
        path.write_text("x")
        path.chmod(0o644)
    before = os.umask(0o022)
    try:
        private_var_dir(var)
        assert (mode(var), mode(var / "keys"), mode(database), mode(key)) == (0o700, 0o700, 0o600, 0o600)
        (var / "new.sqlite3-wal").write_text("x")  # whatever the process makes from now on
        assert mode(var / "new.sqlite3-wal") == 0o600
    finally:
        os.umask(before)
