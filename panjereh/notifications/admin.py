"""The back office's view of the messages' SMS: what is stuck, what failed, whose fate is unknown.

Read only: a message is sent, retried and reconciled by the worker (services.notifications_resume).
Only platform staff who hold the permission to view messages see it; numbers are shown masked.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from panjereh.notifications.backends.base import masked
from panjereh.notifications.models import Notification, SmsState

NEEDS_A_LOOK = (SmsState.SENDING, SmsState.FAILED, SmsState.UNKNOWN)


class NeedsALook(admin.SimpleListFilter):
    title = "نیازمند بررسی"
    parameter_name = "stuck"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        return [("yes", "در حال ارسال، ناموفق یا نامعلوم")]

    def queryset(self, request: HttpRequest, queryset: Any) -> Any:
        return queryset.filter(sms_state__in=NEEDS_A_LOOK) if self.value() == "yes" else queryset


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin[Notification]):
    list_display = ("title", "created_at", "masked_mobile", "sms_state", "sms_attempts", "sms_error")
    list_filter = (NeedsALook, "sms_state")
    search_fields = ("dedupe_key",)
    fields = ("title", "body", "created_at", "masked_mobile", "sms_state", "sms_attempts", "sms_error",
              "sms_claimed_at", "sms_next_at")  # fmt: skip
    readonly_fields = fields
    date_hierarchy = "created_at"

    @admin.display(description="شماره همراه")
    def masked_mobile(self, notification: Notification) -> str:
        return masked(notification.mobile) if notification.mobile else "—"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Notification | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Notification | None = None) -> bool:
        return False
