"""The code page's resend countdown never ends before the server would send another code."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from panjereh.accounts.models import OtpChallenge
from panjereh.accounts.selectors import challenge_timing


@pytest.mark.django_db
def test_the_resend_countdown_is_rounded_up(settings: object) -> None:
    settings.OTP_RESEND_SECONDS = 3  # type: ignore[attr-defined]
    now = timezone.now()
    challenge = OtpChallenge.objects.create(
        national_code="0012345679", mobile="09120005679", code_hash="x",
        created_at=now - datetime.timedelta(seconds=1.5), expires_at=now + datetime.timedelta(seconds=120),
    )  # fmt: skip
    _, resend_in = challenge_timing(str(challenge.pk))
    assert resend_in == 2  # 1.5 s still to wait: a countdown of 1 would let the button ask too soon
