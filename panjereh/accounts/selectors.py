"""Reads of accounts."""

from __future__ import annotations

import datetime
import math
from typing import Any, cast

from django.conf import settings
from django.utils import timezone

from panjereh.accounts.constants import StaffRole
from panjereh.accounts.models import AgencyWindowClient, Citizen, OtpChallenge, StaffMember
from panjereh.persian import format_date, mask_mobile


def citizen_of(user: Any) -> Citizen | None:
    """The citizen behind a logged-in user, or None (anonymous, staff without a national code)."""
    if not getattr(user, "is_authenticated", False):
        return None
    try:
        return cast(Citizen, user.citizen)  # already loaded with a bearer token's user; else one query
    except Citizen.DoesNotExist:
        return None


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
    return expires_in, resend_wait_seconds(challenge.created_at, now)


def resend_wait_seconds(last_sent: datetime.datetime, now: datetime.datetime) -> int:
    """Seconds before another code may go to the mobile that got one at `last_sent`. Rounded up:
    a countdown that ends a fraction early lets the button ask too soon (a 429)."""
    return max(0, math.ceil(settings.OTP_RESEND_SECONDS - (now - last_sent).total_seconds()))


def staff_of(user: Any) -> StaffMember | None:
    """The staff membership of a logged-in user, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    if hasattr(user, "_panjereh_staff"):
        return cast("StaffMember | None", user._panjereh_staff)
    member = StaffMember.objects.filter(user_id=user.pk).select_related("agency").first()
    user._panjereh_staff = member  # asked several times per admin page
    return member


def staff_agency_codes(user: Any) -> set[str] | None:
    """The codes of the agencies whose rows this user may see in the back office; None means all.

    Superusers and supervisors see every agency; an officer or agency admin sees their own; anyone
    else (a citizen, staff without a membership) sees none."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return set()
    if user.is_superuser:
        return None
    member = staff_of(user)
    if member is None:
        return set()
    if member.role == StaffRole.SUPERVISOR:
        return None
    return {member.agency.code} if member.agency is not None else set()


def staff_read_only(user: Any) -> bool:
    """Supervisors read across agencies and change nothing."""
    if getattr(user, "is_superuser", False):
        return False
    member = staff_of(user)
    return member is not None and member.role == StaffRole.SUPERVISOR


def agencies_with_sign_on() -> set[int]:
    """Ids of the agencies whose window logs people in through the national window (for the evaluation)."""
    return set(AgencyWindowClient.objects.values_list("agency_id", flat=True).distinct())


def users_count() -> int:
    """People who have logged in at least once (for the open statistics)."""
    return Citizen.objects.count()
