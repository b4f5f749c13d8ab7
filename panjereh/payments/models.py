"""A payment and what happened to it (every return from the bank, refused ones included)."""

from __future__ import annotations

import uuid

from django.db import models

from panjereh.accounts.models import Citizen
from panjereh.agencies.models import Agency
from panjereh.payments.constants import EventKind, PaymentStatus, Purpose


class Payment(models.Model):
    """One attempt to pay an amount through a bank gateway. The amount is fixed when it starts and is
    the one the bank is asked to verify; the bank's answer, not the browser's, makes it paid."""

    id = models.UUIDField("شناسه پرداخت", primary_key=True, default=uuid.uuid4, editable=False)
    citizen = models.ForeignKey(Citizen, verbose_name="پرداخت‌کننده", on_delete=models.PROTECT, related_name="payments")
    agency = models.ForeignKey(Agency, verbose_name="دستگاه", on_delete=models.PROTECT, related_name="payments")
    purpose = models.CharField("بابت", max_length=20, choices=Purpose.choices)
    subject = models.CharField("کد رهگیری یا شناسه قبض", max_length=40)  # what is paid for
    description = models.CharField("شرح", max_length=200)
    amount_rials = models.PositiveBigIntegerField("مبلغ (ریال)")
    gateway = models.CharField("درگاه", max_length=20)
    authority = models.CharField("شناسه تراکنش در بانک", max_length=100, blank=True)
    redirect_url = models.URLField("نشانی درگاه", max_length=500, blank=True)
    status = models.CharField("وضعیت", max_length=20, choices=PaymentStatus.choices, default=PaymentStatus.PENDING)
    reference = models.CharField("شماره مرجع بانک", max_length=40, blank=True)
    card = models.CharField("کارت", max_length=20, blank=True)  # masked by the bank
    created_at = models.DateTimeField("زمان آغاز")
    settled_at = models.DateTimeField("زمان پرداخت یا شکست", null=True, blank=True)
    refund_due = models.BooleanField("بازپرداخت لازم", default=False)  # owed back and not yet returned
    refund_reason = models.CharField("دلیل بازپرداخت", max_length=200, blank=True)
    refund_reference = models.CharField("شماره مرجع بازپرداخت", max_length=40, blank=True)
    refunded_at = models.DateTimeField("زمان بازپرداخت", null=True, blank=True)

    class Meta:
        verbose_name = "پرداخت"
        verbose_name_plural = "پرداخت‌ها"
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["purpose", "subject"]),
            models.Index(fields=["status", "created_at"]),
            models.Index(fields=["settled_at"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["gateway", "authority"], condition=~models.Q(authority=""), name="authority_once_per_gateway"
            )
        ]

    def __str__(self) -> str:
        return str(self.id)


class PaymentEvent(models.Model):
    """What happened to a payment, in order: started, each return from the bank (refused ones with the
    reason), the bank's verdict, refunds. Append-only."""

    payment = models.ForeignKey(Payment, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    detail = models.JSONField(default=dict)

    class Meta:
        verbose_name = "رویداد پرداخت"
        verbose_name_plural = "رویدادهای پرداخت"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.payment_id}:{self.kind}"
