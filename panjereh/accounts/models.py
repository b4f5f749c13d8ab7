from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from panjereh.accounts.constants import StaffRole
from panjereh.agencies.models import Agency
from panjereh.core.models import TimeStampedModel


class Gender(models.TextChoices):
    MALE = "male", "مرد"
    FEMALE = "female", "زن"


class Citizen(TimeStampedModel):
    """A person known to the national window by their national code, with the identity the civil
    registry returned on their first login (never typed in by the person)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="citizen")
    national_code = models.CharField("کد ملی", max_length=10, unique=True)
    first_name = models.CharField("نام", max_length=100, blank=True)
    last_name = models.CharField("نام خانوادگی", max_length=100, blank=True)
    father_name = models.CharField("نام پدر", max_length=100, blank=True)
    birth_date = models.DateField("تاریخ تولد", null=True, blank=True)
    gender = models.CharField("جنسیت", max_length=10, choices=Gender.choices, blank=True)
    mobile = models.CharField("شماره همراه", max_length=11, blank=True, help_text="the last mobile proven at login")
    identity_checked_at = models.DateTimeField("زمان استعلام هویت", null=True, blank=True)

    class Meta:
        verbose_name = "شهروند"
        verbose_name_plural = "شهروندان"

    def __str__(self) -> str:
        return self.full_name or self.national_code

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class OtpChallenge(models.Model):
    """One login attempt: a code sent to a mobile proven to belong to the national code.

    Only the code's keyed hash is stored; the code works once, before `expires_at`, on this
    challenge only, and not at all after OTP_MAX_TRIES wrong tries."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    national_code = models.CharField(max_length=10)
    mobile = models.CharField(max_length=11)
    code_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    used_at = models.DateTimeField(null=True, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        verbose_name = "چالش ورود"
        verbose_name_plural = "چالش‌های ورود"
        indexes = [models.Index(fields=["mobile", "-created_at"], name="otp_mobile_recent")]

    def __str__(self) -> str:
        return f"{self.national_code} @ {self.created_at:%Y-%m-%d %H:%M}"


class ApiToken(models.Model):
    """A short-lived bearer token for an API client, issued at login; only its SHA-256 is stored."""

    key_hash = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "توکن دسترسی API"
        verbose_name_plural = "توکن‌های دسترسی API"

    def __str__(self) -> str:
        return f"token of user {self.user_id} until {self.expires_at:%Y-%m-%d %H:%M}"


class AgencyWindowClient(TimeStampedModel):
    """An agency window registered to log people in through the national window (OpenID Connect).

    The OAuth client itself (client id, hashed secret, redirect URIs) is django-oauth-toolkit's
    Application; this row says which agency it belongs to. The agency's code is also the sector of the
    pairwise `sub` the window receives (accounts.oidc.pairwise_subject)."""

    application = models.OneToOneField(
        "oauth2_provider.Application", on_delete=models.CASCADE, related_name="agency_window", verbose_name="کارخواه"
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="oidc_clients", verbose_name="دستگاه"
    )

    class Meta:
        verbose_name = "پنجره دستگاه (ورود یکپارچه)"
        verbose_name_plural = "پنجره‌های دستگاه‌ها (ورود یکپارچه)"

    def __str__(self) -> str:
        return f"{self.application.name} ({self.agency.code})"


class StaffMember(TimeStampedModel):
    """A person who works in the back office for one agency (an officer or the agency's admin), or
    a supervisor who reads across every agency. They sign in to /admin/ with a password and a TOTP
    code; what they see there is scoped by `selectors.staff_agency_codes`."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_member")
    agency = models.ForeignKey(
        Agency, verbose_name="دستگاه", on_delete=models.PROTECT, related_name="staff", null=True, blank=True,
        help_text="برای ناظرِ کل سامانه خالی می‌ماند",
    )  # fmt: skip
    role = models.CharField("نقش", max_length=20, choices=StaffRole.choices)

    class Meta:
        verbose_name = "کارکن"
        verbose_name_plural = "کارکنان"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role=StaffRole.SUPERVISOR) | models.Q(agency__isnull=False),
                name="staff_agency_unless_supervisor",
                violation_error_message="کارشناس و مدیر دستگاه باید به یک دستگاه وابسته باشند.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.get_role_display()})"


class RedeemedAuthorizationCode(models.Model):
    """An authorization code already exchanged, and the family of tokens it began: a second exchange of
    the same code means it was stolen, and the whole family is revoked (RFC 6749 §4.1.2), the pairs
    refreshed from it included."""

    code_hash = models.CharField(max_length=64, unique=True)  # SHA-256: the code itself is never kept
    token_family = models.UUIDField()
    created_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.code_hash[:12]
