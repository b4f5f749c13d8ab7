"""What a person said of a page: useful or not, and any problem they report. Anonymous on purpose
(the privacy notice says so): the page's path, the words, the time."""

from __future__ import annotations

from django.db import models


class PageFeedback(models.Model):
    path = models.CharField("صفحه", max_length=300)
    useful = models.BooleanField("سودمند بود", null=True)  # None: only a problem was reported
    text = models.TextField("گزارش مشکل", max_length=2000, blank=True)
    created_at = models.DateTimeField("زمان")
    handled_at = models.DateTimeField("زمان رسیدگی", null=True, blank=True)

    class Meta:
        verbose_name = "بازخورد صفحه"
        verbose_name_plural = "بازخوردهای صفحه‌ها"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["path", "created_at"])]

    def __str__(self) -> str:
        return self.path
