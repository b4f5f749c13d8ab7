"""Base models shared by every app."""

from __future__ import annotations

from django.db import models


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("زمان ایجاد", auto_now_add=True)
    updated_at = models.DateTimeField("زمان به‌روزرسانی", auto_now=True, db_index=True)

    class Meta:
        abstract = True


class AnnouncedDay(models.Model):
    """A day the official announcement sets apart from the computed calendar (panjereh.core.working_days):
    closed (offices shut for heat or pollution, a lunar holiday that fell a day off the estimate) or open
    (an estimated holiday that was not), in the whole country or, for a closure, in one province.
    Entered by the platform's operators."""

    day = models.DateField("روز")
    province = models.CharField("استان", max_length=50, blank=True, help_text="خالی: سراسر کشور")
    closed = models.BooleanField(
        "تعطیل است", default=True, help_text="اگر روزی که سامانه تعطیل می‌شمارد در اعلام رسمی کاری است، تیک را بردارید."
    )
    reason = models.CharField("مناسبت یا دلیل", max_length=200)
    updated_at = models.DateTimeField("زمان به‌روزرسانی", auto_now=True)

    class Meta:
        verbose_name = "روز اعلام‌شده"
        verbose_name_plural = "روزهای اعلام‌شده در تقویم رسمی"
        ordering = ["-day", "province"]
        constraints = [models.UniqueConstraint(fields=["day", "province"], name="announced_day_once_per_place")]

    def __str__(self) -> str:
        from panjereh.persian import format_date_long

        where = f" (استان {self.province})" if self.province else ""
        return f"{format_date_long(self.day)}{where}: {self.reason}"
