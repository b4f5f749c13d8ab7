"""Choices of accounts."""

from __future__ import annotations

from django.db import models


class StaffRole(models.TextChoices):
    """What a staff member may do in the back office (see docs/staff.md)."""

    OFFICER = "officer", "کارشناس دستگاه"
    AGENCY_ADMIN = "agency_admin", "مدیر دستگاه"
    SUPERVISOR = "supervisor", "ناظر"
