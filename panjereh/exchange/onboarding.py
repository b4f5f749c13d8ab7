"""Onboarding an agency's single window: the go-live checklist, the status steps, the deadlines.

not_started → launched (its own window is up, with enough of its services listed) → testing (its
systems have credentials on the exchange) → connected (a test call through the gateway passed).
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from panjereh.agencies.constants import WindowStatus
from panjereh.agencies.models import Agency, OnboardingDeadlines
from panjereh.exchange.constants import Outcome
from panjereh.exchange.models import AuditRecord, SystemCredential

ORDER = [WindowStatus.NOT_STARTED, WindowStatus.LAUNCHED, WindowStatus.TESTING, WindowStatus.CONNECTED]


@dataclass(frozen=True)
class Check:
    code: str
    label: str
    done: bool
    detail: str


@dataclass(frozen=True)
class Deadlines:
    launch_by: datetime.date | None
    connect_by: datetime.date | None
    launch_overdue: bool
    connect_overdue: bool


def checklist(agency: Agency) -> list[Check]:
    listed = agency.services.count()
    # A share of what the agency declared to the planning organisation; at least one service.
    required = max(1, math.ceil((agency.declared_services or 0) * _share()))
    has_key = SystemCredential.objects.filter(
        system__agency=agency, system__active=True, revoked_at__isnull=True
    ).exists()
    tested = AuditRecord.objects.filter(outcome=Outcome.OK, consumer_agency=agency.code).exists() or (
        AuditRecord.objects.filter(outcome=Outcome.OK, provider=agency.code).exists()
    )
    return [
        Check("window_url", "نشانی پنجره واحد ثبت شده است", bool(agency.window_url), agency.window_url or "—"),
        Check(
            "services_listed",
            "دست‌کم یک‌سوم خدمات در فهرست آمده است",
            listed >= required,
            f"{listed} فهرست‌شده، لازم: {required}",
        ),
        Check("credentials", "سامانه دستگاه کلید فعال در شبکه تبادل دارد", has_key, ""),
        Check("test_call", "یک استعلام آزمایشی از درگاه تبادل موفق بوده است", tested, ""),
    ]


def deadlines(agency: Agency, today: datetime.date | None = None) -> Deadlines:
    rule = OnboardingDeadlines.objects.first()
    if rule is None:
        return Deadlines(None, None, False, False)
    today = today or timezone.localdate()
    position = ORDER.index(WindowStatus(agency.window_status))
    return Deadlines(
        launch_by=rule.launch_by,
        connect_by=rule.connect_by,
        launch_overdue=today > rule.launch_by and position < ORDER.index(WindowStatus.LAUNCHED),
        connect_overdue=today > rule.connect_by and position < ORDER.index(WindowStatus.CONNECTED),
    )


# Which checks each step needs.
REQUIRED = {
    WindowStatus.LAUNCHED: {"window_url", "services_listed"},
    WindowStatus.TESTING: {"window_url", "services_listed", "credentials"},
    WindowStatus.CONNECTED: {"window_url", "services_listed", "credentials", "test_call"},
}


@transaction.atomic
def window_advance(*, agency: Agency, to: WindowStatus) -> Agency:
    """Move the agency's window one or more steps forward, if its checklist allows."""
    if ORDER.index(to) <= ORDER.index(WindowStatus(agency.window_status)):
        raise ValidationError("وضعیت پنجره واحد فقط رو به جلو تغییر می‌کند.")
    missing = [check.label for check in checklist(agency) if check.code in REQUIRED[to] and not check.done]
    if missing:
        raise ValidationError(f"پیش از این مرحله لازم است: {missing[0]}.")
    today = timezone.localdate()
    agency.window_status = to
    if to in (WindowStatus.LAUNCHED, WindowStatus.TESTING, WindowStatus.CONNECTED) and agency.launched_on is None:
        agency.launched_on = today
    if to == WindowStatus.CONNECTED:
        agency.connected_on = today
    agency.save(update_fields=["window_status", "launched_on", "connected_on", "updated_at"])
    return agency


def _share() -> float:
    rule = OnboardingDeadlines.objects.first()
    return float(rule.min_listed_share) if rule else 1 / 3
