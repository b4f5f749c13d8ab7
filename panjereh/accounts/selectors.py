"""Reads of accounts."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import timezone

from panjereh.accounts.models import Citizen, OtpChallenge
from panjereh.persian import format_date, mask_mobile


def citizen_of(user: Any) -> Citizen | None:
    """The citizen behind a logged-in user, or None (anonymous, staff without a national code)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Citizen.objects.filter(user_id=user.pk).first()


def citizen_profile(citizen: Citizen) -> dict[str, Any]:
    """What the person sees of themselves (API and "my account"): the mobile masked."""
    return {
        "national_code": citizen.national_code,
        "first_name": citizen.first_name,
        "last_name": citizen.last_name,
        "father_name": citizen.father_name,
        "birth_date": citizen.birth_date,
        "birth_date_jalali": format_date(citizen.birth_date, persian_digits=False) if citizen.birth_date else None,
        "gender": citizen.gender,
        "mobile": mask_mobile(citizen.mobile) if citizen.mobile else "",
        "identity_from_registry": citizen.identity_checked_at is not None,
    }


def challenge_timing(challenge_id: str) -> tuple[int, int]:
    """(seconds until the code expires, seconds until another code may be sent) for the code page."""
    challenge = OtpChallenge.objects.filter(pk=challenge_id).only("created_at", "expires_at").first()
    if challenge is None:
        return 0, 0
    now = timezone.now()
    expires_in = max(0, int((challenge.expires_at - now).total_seconds()))
    resend_in = max(0, int(settings.OTP_RESEND_SECONDS - (now - challenge.created_at).total_seconds()))
    return expires_in, resend_in
