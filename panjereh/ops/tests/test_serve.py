"""Production mode from the environment alone: `panjereh check --deploy` is clean with the production
variables, `panjereh serve` refuses what would serve wrongly, and every command line in deploy/ is one
the commands take."""

from __future__ import annotations

import json
import os
import re
import secrets
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command, get_commands, load_command_class

DEPLOY = Path(settings.BASE_DIR) / "deploy"


def test_check_deploy_is_clean_in_production_mode(tmp_path: Path) -> None:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SECURE_", "DEBUG"))}
    env.update(SECRET_KEY=secrets.token_urlsafe(50), ALLOWED_HOSTS="my.example.ir", LOG_FORMAT="json",
               DATABASE_URL="postgres://panjereh@127.0.0.1:9/panjereh", REDIS_URL="redis://127.0.0.1:9/0",
               BEHIND_PROXY="1", TRUSTED_PROXIES="127.0.0.1", PANJEREH_VAR_DIR=str(tmp_path))  # fmt: skip
    done = subprocess.run([sys.executable, "-m", "panjereh.cli", "check", "--deploy", "--fail-level", "WARNING"],
                          env=env, capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr + done.stdout
    assert "no issues" in done.stdout


def test_without_the_proxy_the_same_check_warns(tmp_path: Path) -> None:
    """The check above can fail: plain HTTP, as `make run` serves, is not production."""
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SECURE_", "DEBUG", "BEHIND"))}
    env.update(SECRET_KEY=secrets.token_urlsafe(50), PANJEREH_VAR_DIR=str(tmp_path))
    done = subprocess.run([sys.executable, "-m", "panjereh.cli", "check", "--deploy", "--fail-level", "WARNING"],
                          env=env, capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    assert done.returncode != 0 and "security.W008" in done.stderr + done.stdout


def test_serve_refuses_several_web_processes_without_redis(settings: Any) -> None:
    settings.REDIS_URL = ""
    with pytest.raises(CommandError, match="REDIS_URL"):
        call_command("serve", "--web-workers", "2", "--gateway-workers", "0")


def test_serve_refuses_debug(settings: Any) -> None:
    settings.DEBUG = True
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("serve", "--web-workers", "1", "--gateway-workers", "0")


def deploy_command_lines() -> list[list[str]]:
    """Every `panjereh …` command line in deploy/: the systemd units, the compose file and the image."""
    lines: list[list[str]] = []
    for unit in sorted((DEPLOY / "systemd").glob("*.service")):
        for line in unit.read_text().splitlines():
            if line.startswith("ExecStart="):
                lines.append(shlex.split(line.removeprefix("ExecStart="))[1:])
    compose = (DEPLOY / "docker-compose.yml").read_text()
    for found in re.findall(r"command: (\[.*\])", compose):
        argv = json.loads(found)
        if argv[0] == "panjereh":
            lines.append(argv[1:])
        elif argv[0] == "sh":  # sh -c "panjereh a && panjereh b"
            lines += [shlex.split(part)[1:] for part in argv[-1].split("&&")]
    cmd = re.search(r"^CMD (\[.*\])$", (DEPLOY / "Dockerfile").read_text(), re.MULTILINE)
    assert cmd
    lines.append(json.loads(cmd.group(1))[1:])
    return lines


def test_every_command_line_in_deploy_is_one_the_commands_take() -> None:
    lines = deploy_command_lines()
    assert {line[0] for line in lines} >= {"serve", "worker", "migrate", "collectstatic", "check"}
    commands = get_commands()
    for argv in lines:
        command = load_command_class(commands[argv[0]], argv[0])
        command.create_parser("panjereh", argv[0]).parse_args(argv[1:])  # exits on an unknown option
