"""Agencies in the back office. A staff member sees only their own agency (`AgencyScopedAdmin`); its
agency admin keeps what the agency says of itself (its name, website and window's address). What the
evaluation reads (the window's state and dates, the declared services) and what identifies or
classifies the agency are the platform operator's record: only superusers change them, so no agency
grades itself. The code is fixed once the agency is made (addresses and the exchange's audit log are
keyed by it). A rename is announced to the apps that keep something derived from the name (the
catalog's search index), through `services.agency_renamed`."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from panjereh.agencies import services
from panjereh.agencies.models import Agency
from panjereh.core.admin import HTTPS_URLS, AgencyScopedAdmin
from panjereh.core.forms import JalaliDateField
from panjereh.persian import (
    format_date_long,
    format_datetime,
    to_persian_digits,
)

# What the agency's own admin keeps; everything else on the page is the platform operator's record.
AGENCY_KEEPS = ["name", "website", "window_url"]
OPERATOR_RECORDS = ["code", "kind", "province", "window_status", "launched_on", "connected_on", "declared_services",
                    "is_sample"]  # fmt: skip
# Shown instead of the model's own field to whoever may not change it: Jalali dates, Persian digits.
SHOWN_AS = {"launched_on": "launched", "connected_on": "connected", "declared_services": "declared"}
SHOWN = ["launched", "connected", "declared", "created", "updated"]


def _https_urls(field: Any, **kwargs: Any) -> Any:
    return field.formfield(**{**HTTPS_URLS.get(type(field), {}), **kwargs})


class AgencyForm(forms.ModelForm):  # type: ignore[type-arg]
    launched_on = JalaliDateField(label="تاریخ راه‌اندازی", required=False, gregorian=True, example="۱۴۰۲/۰۳/۲۶")
    connected_on = JalaliDateField(label="تاریخ اتصال", required=False, gregorian=True, example="۱۴۰۲/۰۳/۲۶")

    class Meta:
        model = Agency
        fields = [*AGENCY_KEEPS, *OPERATOR_RECORDS]
        formfield_callback = _https_urls

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        launched, connected = data.get("launched_on"), data.get("connected_on")
        if "launched_on" in self.fields and connected is not None:
            if launched is None:
                self.add_error(
                    "connected_on", "پنجره‌ای که راه‌اندازی نشده به پنجره ملی متصل نمی‌شود؛ تاریخ راه‌اندازی را هم بنویسید."
                )
            elif connected < launched:
                self.add_error("connected_on", "تاریخ اتصال به پنجره ملی نمی‌تواند پیش از تاریخ راه‌اندازی باشد.")
        return data


@admin.register(Agency)
class AgencyAdmin(AgencyScopedAdmin):
    agency_paths = ("code",)
    form = AgencyForm
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "code", "kind", "province", "window_status", "launched", "connected"]
    list_filter = ["window_status", "kind", "province"]
    search_fields = ["name", "code"]

    def get_fieldsets(self, request: HttpRequest, obj: Agency | None = None) -> Any:
        records = OPERATOR_RECORDS
        if not request.user.is_superuser:
            records = [SHOWN_AS.get(name, name) for name in OPERATOR_RECORDS]
        return [
            (None, {"fields": AGENCY_KEEPS}),
            ("ثبت‌شده به دست راهبر پنجره ملی", {
                "fields": records,
                "description": "وضعیت و تاریخ‌های پنجره واحد و شمار خدمات اعلام‌شده در ارزیابی دستگاه به کار می‌روند؛ "
                               "تنها راهبر پنجره ملی آن‌ها را ثبت و اصلاح می‌کند.",
            }),
            ("سابقه", {"fields": ["created", "updated"]}),
        ]  # fmt: skip

    def get_readonly_fields(self, request: HttpRequest, obj: Agency | None = None) -> list[str]:
        if not request.user.is_superuser:
            return [*OPERATOR_RECORDS, *SHOWN]
        return [*(["code"] if obj is not None else []), *SHOWN]  # the code is fixed once the agency is made

    @admin.display(description="تاریخ راه‌اندازی", ordering="launched_on")
    def launched(self, obj: Agency) -> str:
        return format_date_long(obj.launched_on) if obj.launched_on else "—"

    @admin.display(description="تاریخ اتصال", ordering="connected_on")
    def connected(self, obj: Agency) -> str:
        return format_date_long(obj.connected_on) if obj.connected_on else "—"

    @admin.display(description="شمار خدمات اعلام‌شده")
    def declared(self, obj: Agency) -> str:
        return to_persian_digits(obj.declared_services) if obj.declared_services is not None else "—"

    @admin.display(description="زمان ایجاد")
    def created(self, obj: Agency | None) -> str:
        return format_datetime(obj.created_at) if obj is not None and obj.created_at else "—"

    @admin.display(description="زمان به‌روزرسانی")
    def updated(self, obj: Agency | None) -> str:
        return format_datetime(obj.updated_at) if obj is not None and obj.updated_at else "—"

    def save_model(self, request: HttpRequest, obj: Agency, form: ModelForm[Agency], change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            services.agency_renamed(agency=obj)
