"""An unknown SMS_BACKEND is refused at start-up, naming the backends there are."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings


def test_an_unknown_sms_backend_fails_the_start_up_check() -> None:
    with override_settings(SMS_BACKEND="nosuch"), pytest.raises(SystemCheckError) as refused:
        call_command("check")
    assert "SMS_BACKEND='nosuch' names no SMS backend" in str(refused.value)
    assert "console, file, kavenegar" in str(refused.value)


def test_a_known_sms_backend_passes() -> None:
    out = io.StringIO()
    with override_settings(SMS_BACKEND="file"):
        call_command("check", stdout=out)
    assert "no issues" in out.getvalue()
