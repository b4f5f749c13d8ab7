from __future__ import annotations

from decimal import Decimal

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
    # Empty for an agency of the whole country; a provincial one (a city's municipality) names its province.
    province = models.CharField("استان", max_length=50, blank=True, db_index=True)
    declared_services = models.PositiveIntegerField(
        "شمار خدمات اعلام‌شده", null=True, blank=True, help_text="شمار خدماتی که دستگاه در فهرست سازمان برنامه دارد"
    )
    is_sample = models.BooleanField("داده نمونه", default=False)

    class Meta:
        verbose_name = "دستگاه اجرایی"
        verbose_name_plural = "دستگاه‌های اجرایی"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class OnboardingDeadlines(models.Model):
    """The legal deadlines for every agency (one row): launch its own window with at least a share of
    its services listed by one date; connect it to the national window by a later one."""

    launch_by = models.DateField("مهلت راه‌اندازی پنجره واحد")
    connect_by = models.DateField("مهلت اتصال به پنجره ملی")
    min_listed_share = models.DecimalField(
        "کمینه سهم خدمات فهرست‌شده", max_digits=4, decimal_places=3, default=Decimal("0.333")
    )

    class Meta:
        verbose_name = "مهلت‌های قانونی اتصال"
        verbose_name_plural = "مهلت‌های قانونی اتصال"

    def __str__(self) -> str:
        return f"{self.launch_by} / {self.connect_by}"
