"""Reads of accounts."""

from __future__ import annotations

from typing import Any, cast

from panjereh.accounts.constants import StaffRole
from panjereh.accounts.models import Citizen, StaffMember


def citizen_of(user: Any) -> Citizen | None:
    """The citizen behind a logged-in user, or None (anonymous, staff without a national code)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Citizen.objects.filter(user_id=user.pk).first()


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
