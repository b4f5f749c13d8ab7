from __future__ import annotations

from django.db import models

from panjereh.agencies.constants import AgencyKind, WindowStatus
from panjereh.core.models import TimeStampedModel


class Agency(TimeStampedModel):
    """An executive agency (دستگاه اجرایی) and the state of its own single window."""

    code = models.SlugField("کد", max_length=64, unique=True)
    name = models.CharField("نام", max_length=200)
    kind = models.CharField("نوع", max_length=20, choices=AgencyKind.choices, default=AgencyKind.ORGANISATION)
    website = models.URLField("وبگاه", blank=True)
    window_status = models.CharField(
        "وضعیت پنجره واحد", max_length=20, choices=WindowStatus.choices, default=WindowStatus.NOT_STARTED
    )
    window_url = models.URLField("نشانی پنجره واحد", blank=True)
    launched_on = models.DateField("تاریخ راه‌اندازی", null=True, blank=True)
    connected_on = models.DateField("تاریخ اتصال", null=True, blank=True)
    is_sample = models.BooleanField("داده نمونه", default=False)

    class Meta:
        verbose_name = "دستگاه اجرایی"
        verbose_name_plural = "دستگاه‌های اجرایی"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
