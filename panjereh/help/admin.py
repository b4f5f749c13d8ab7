"""What people said of the pages, for the supervisor: read, and marked handled."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone

from panjereh.help.models import PageFeedback
from panjereh.persian import format_datetime


@admin.register(PageFeedback)
class PageFeedbackAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["when", "path", "useful", "text", "handled_at"]
    list_filter = ["useful"]
    search_fields = ["path", "text"]
    readonly_fields = ["path", "useful", "text", "created_at", "handled_at"]
    actions = ["mark_handled"]

    @admin.display(description="زمان", ordering="created_at")
    def when(self, feedback: PageFeedback) -> str:
        return format_datetime(feedback.created_at)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    @admin.action(description="رسیدگی شد", permissions=["change"])
    def mark_handled(self, request: HttpRequest, queryset: QuerySet[PageFeedback]) -> None:
        queryset.filter(handled_at__isnull=True).update(handled_at=timezone.now())
