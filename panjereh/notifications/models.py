"""Messages to people: one row per message is both the in-app inbox and the SMS outbox.

`dedupe_key` is unique, so the same event never makes two messages however often it is
reported; the SMS leaves through the task worker, is retried when the provider fails, and is
claimed before it is sent, so it is never sent twice. Every SMS ends `sent`, `failed` or `unknown`
(notifications.services.notifications_resume)."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class SmsState(models.TextChoices):
    NONE = "none", "بدون پیامک"
    PENDING = "pending", "در صف"
    SENDING = "sending", "در حال ارسال"
    SENT = "sent", "ارسال شد"
    FAILED = "failed", "ناموفق"
    UNKNOWN = "unknown", "سرنوشت نامعلوم"  # the sender stopped mid-send, and the provider cannot be asked again


class Notification(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications")
    dedupe_key = models.CharField(max_length=120, unique=True)
    title = models.CharField("عنوان", max_length=200)
    body = models.CharField("متن", max_length=500)
    url = models.CharField("نشانی", max_length=300, blank=True)
    created_at = models.DateTimeField("زمان")
    read_at = models.DateTimeField("زمان خواندن", null=True, blank=True)
    mobile = models.CharField("شماره همراه", max_length=11, blank=True)
    sms_state = models.CharField("وضعیت پیامک", max_length=10, choices=SmsState.choices, default=SmsState.NONE)
    sms_attempts = models.PositiveSmallIntegerField("تلاش‌های ارسال", default=0)
    sms_error = models.CharField("خطای ارسال", max_length=200, blank=True)
    # when a sender took it (`sending`), and when a `pending` one is due to be tried
    sms_claimed_at = models.DateTimeField("آغاز ارسال", null=True, blank=True)
    sms_next_at = models.DateTimeField("تلاش بعدی", null=True, blank=True)

    class Meta:
        verbose_name = "پیام"
        verbose_name_plural = "پیام‌ها"
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "-created_at"]),
            models.Index(fields=["sms_state"]),
            # the unread count in every signed-in page's header
            models.Index(fields=["user"], condition=models.Q(read_at__isnull=True), name="notification_unread"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def link_label(self) -> str:
        """What the message's link opens, in the person's words."""
        for prefix, label in LINK_LABELS:
            if self.url.startswith(prefix):
                return label
        return "دیدن"


LINK_LABELS = (
    ("/me/documents/", "دیدن سند"),
    ("/me/applications/", "دیدن درخواست"),
    ("/me/appointments/", "دیدن نوبت"),
    ("/me/payments/", "دیدن رسید"),
)
