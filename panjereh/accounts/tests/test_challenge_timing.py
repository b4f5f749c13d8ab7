"""The code page's resend countdown never ends before the server would send another code."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from panjereh.accounts.models import OtpChallenge
from panjereh.accounts.selectors import challenge_timing

FROZEN = datetime.datetime(2026, 12, 5, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def frozen_clock(monkeypatch: pytest.MonkeyPatch) -> datetime.datetime:
    """The platform's clock stands still at FROZEN: the test does not depend on how fast it runs."""
    monkeypatch.setattr(timezone, "now", lambda: FROZEN)
    return FROZEN


@pytest.mark.django_db
def test_the_resend_countdown_is_rounded_up(settings: object, frozen_clock: datetime.datetime) -> None:
    settings.OTP_RESEND_SECONDS = 3  # type: ignore[attr-defined]
    challenge = OtpChallenge.objects.create(
        national_code="0012345679", mobile="09120005679", code_hash="x",
        created_at=frozen_clock - datetime.timedelta(seconds=1.5),
        expires_at=frozen_clock + datetime.timedelta(seconds=120),
    )  # fmt: skip
    expires_in, resend_in = challenge_timing(str(challenge.pk))
    assert resend_in == 2  # 1.5 s still to wait: a countdown of 1 would let the button ask too soon
    assert expires_in == 120


@pytest.mark.django_db
def test_once_the_wait_is_over_the_countdown_is_zero(settings: object, frozen_clock: datetime.datetime) -> None:
    settings.OTP_RESEND_SECONDS = 3  # type: ignore[attr-defined]
    challenge = OtpChallenge.objects.create(
        national_code="0012345679", mobile="09120005679", code_hash="x",
        created_at=frozen_clock - datetime.timedelta(seconds=3),
        expires_at=frozen_clock - datetime.timedelta(seconds=1),
    )  # fmt: skip
    assert challenge_timing(str(challenge.pk)) == (0, 0)
