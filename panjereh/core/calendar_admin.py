"""The official calendar in the back office: the days announced apart from the computed calendar
(panjereh.core.working_days), kept by the council's supervisors. The year ahead's holidays as the
platform counts them are shown above the list, so an estimate that proved wrong can be corrected.
Each saved or deleted day is passed on, once committed, to the apps whose deadlines and bookings
count on it."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django import forms
from django.contrib import admin
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from panjereh.core.forms import JalaliDateField
from panjereh.core.models import AnnouncedDay
from panjereh.core.provinces import PROVINCES
from panjereh.core.working_days import FRIDAY, Calendar, calendar_changed, calendar_from
from panjereh.persian import (
    format_date_long,
    format_datetime,
    to_persian_digits,
)

FIRST_YEAR, LAST_YEAR = 1390, 1499  # solar years an announcement may be about
# A late correction (a lunar holiday that fell a day off the estimate) is entered within days; a day
# further back would recount decided deadlines and move agencies' "in time" after the fact.
LATE_DAYS = 7
_NOT_PERSIAN = re.compile(r"[A-Za-z/\\.:@]")  # a reason is words, never a link (it is sent by SMS)
COMPUTED = Calendar({})


class AnnouncedDayForm(forms.ModelForm):  # type: ignore[type-arg]
    """The day in the solar calendar, as the announcement gives it (any digits)."""

    day = JalaliDateField(label="روز", years=(FIRST_YEAR, LAST_YEAR))
    province = forms.ChoiceField(
        label="استان",
        required=False,
        choices=[("", "سراسر کشور"), *((name, name) for _, name in PROVINCES)],
        help_text="تعطیلی یک استان دفترهای همان استان را می‌بندد و مهلت‌های کشوری را جابه‌جا نمی‌کند.",
    )

    class Meta:
        model = AnnouncedDay
        fields = ["day", "province", "closed", "reason"]

    def clean_reason(self) -> str:
        reason = " ".join(str(self.cleaned_data["reason"]).split())
        if _NOT_PERSIAN.search(reason):
            raise forms.ValidationError("مناسبت یا دلیل را به فارسی و بی نشانی اینترنتی بنویسید؛ به مردم پیامک می‌شود.")
        return reason

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day = data.get("day")
        if not isinstance(day, datetime.date):
            return data
        if day.weekday() == FRIDAY:
            raise forms.ValidationError("جمعه همیشه تعطیل است و اعلام نمی‌خواهد.")
        if day < timezone.localdate() - datetime.timedelta(days=LATE_DAYS):
            raise forms.ValidationError(
                f"روزی را که بیش از {to_persian_digits(LATE_DAYS)} روز از آن گذشته است نمی‌توان اعلام کرد: "
                "مهلت‌های سنجیده‌شده را پس از رخداد جابه‌جا می‌کرد."
            )
        if not data.get("closed") and data.get("province"):
            raise forms.ValidationError("روز کاری را تنها برای سراسر کشور می‌توان اعلام کرد.")
        if not data.get("closed") and COMPUTED.holiday_of(day) is None:
            raise forms.ValidationError("این روز در تقویم سامانه تعطیل نیست؛ کاری اعلام کردنش لازم نیست.")
        return data


@admin.register(AnnouncedDay)
class AnnouncedDayAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = AnnouncedDayForm
    list_display = ["jalali_day", "where", "closed", "reason", "updated"]
    list_filter = ["closed"]
    change_list_template = "admin/core/announcedday/change_list.html"

    @admin.display(description="روز", ordering="day")
    def jalali_day(self, obj: AnnouncedDay) -> str:
        return format_date_long(obj.day)

    @admin.display(description="کجا", ordering="province")
    def where(self, obj: AnnouncedDay) -> str:
        return f"استان {obj.province}" if obj.province else "سراسر کشور"

    @admin.display(description="به‌روزرسانی", ordering="updated_at")
    def updated(self, obj: AnnouncedDay) -> str:
        return format_datetime(obj.updated_at)

    def changelist_view(self, request: HttpRequest, extra_context: dict[str, Any] | None = None) -> HttpResponse:
        today = timezone.localdate()
        last = today + datetime.timedelta(days=365)
        coming = calendar_from(today, last).holidays_between(today, last)
        return super().changelist_view(request, extra_context={"coming_holidays": coming, **(extra_context or {})})

    def save_model(self, request: HttpRequest, obj: AnnouncedDay, form: Any, change: bool) -> None:
        known = AnnouncedDay.objects.filter(pk=obj.pk)
        before = known.values_list("day", "closed", "province").first() if change else None
        super().save_model(request, obj, form, change)
        if before is None or before != (obj.day, obj.closed, obj.province):  # a new reason alone moves nothing
            _changed({obj.day, *([before[0]] if before else [])})

    def delete_model(self, request: HttpRequest, obj: AnnouncedDay) -> None:
        day = obj.day
        super().delete_model(request, obj)
        _changed({day})

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[AnnouncedDay]) -> None:
        days = set(queryset.values_list("day", flat=True))
        super().delete_queryset(request, queryset)
        _changed(days)


def _changed(days: set[datetime.date]) -> None:
    for day in sorted(days):
        transaction.on_commit(lambda day=day: calendar_changed(day))  # type: ignore[misc]
