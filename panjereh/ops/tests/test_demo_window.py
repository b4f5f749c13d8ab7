"""`panjereh demo` registers the sandbox's agency window once and hands it a fresh secret each start."""

from __future__ import annotations

import pytest
from django.contrib.auth.hashers import check_password
from oauth2_provider.models import Application

from panjereh.ops.management.commands.demo import DEMO_WINDOW_NAME, demo_window_env

pytestmark = pytest.mark.django_db


def test_the_demo_window_is_registered_once_with_a_new_secret_every_start() -> None:
    first = demo_window_env(8000, 8100)
    second = demo_window_env(8000, 8100)
    assert first["SANDBOX_OIDC_ISSUER"] == "http://127.0.0.1:8000/o"
    assert first["SANDBOX_OIDC_REDIRECT_URI"] == "http://127.0.0.1:8100/agency-window/callback"
    assert first["SANDBOX_OIDC_CLIENT_ID"] == second["SANDBOX_OIDC_CLIENT_ID"]
    assert first["SANDBOX_OIDC_CLIENT_SECRET"] != second["SANDBOX_OIDC_CLIENT_SECRET"]
    application = Application.objects.get()
    assert application.name == DEMO_WINDOW_NAME
    assert application.agency_window.agency.code == "sabt"
    assert check_password(second["SANDBOX_OIDC_CLIENT_SECRET"], application.client_secret)
    assert not check_password(first["SANDBOX_OIDC_CLIENT_SECRET"], application.client_secret)
    # another port: the same window, now sending people back to the new address
    demo_window_env(9000, 9100)
    assert Application.objects.get().redirect_uris == "http://127.0.0.1:9100/agency-window/callback"


def test_the_demo_finds_its_granian_without_the_environment_on_path(monkeypatch: pytest.MonkeyPatch) -> None:
    """`.venv/bin/panjereh demo` from a shell whose PATH lacks .venv/bin (an outside review's set-up)."""
    import sys
    from pathlib import Path

    from panjereh.ops.servers import granian_command

    monkeypatch.setenv("PATH", "/nonexistent")
    assert granian_command() == str(Path(sys.executable).with_name("granian"))
