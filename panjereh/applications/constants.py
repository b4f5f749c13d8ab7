from __future__ import annotations

from django.db import models


class Status(models.TextChoices):
    AWAITING_PAYMENT = "awaiting_payment", "در انتظار پرداخت"
    SUBMITTED = "submitted", "ثبت شده"
    IN_PROGRESS = "in_progress", "در حال بررسی"
    WAITING_FOR_AGENCY = "waiting_for_agency", "در انتظار بررسی دستگاه"
    FORWARDED = "forwarded", "ارسال‌شده به سامانه دستگاه"
    ISSUED = "issued", "صادر شد"
    REJECTED = "rejected", "رد شد"


FINAL_STATUSES = (Status.ISSUED, Status.REJECTED)


class DecisionMode(models.TextChoices):
    AUTOMATIC = "automatic", "خودکار (هوشمند)"
    HUMAN = "human", "بررسی کارشناس دستگاه"
    FORWARDED = "forwarded", "ارسال به سامانه دستگاه"


class Actor(models.TextChoices):
    CITIZEN = "citizen", "متقاضی"
    SYSTEM = "system", "پنجره ملی"
    OFFICER = "officer", "کارشناس دستگاه"
    AGENCY_SYSTEM = "agency_system", "سامانه دستگاه"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "در صف ارسال"
    DELIVERED = "delivered", "تحویل شد"
    DEAD = "dead", "ناموفق پس از آخرین تلاش"


# An agency answers a complaint within this many days (its back office shows the clock; the evaluation
# counts the answers given in time).
COMPLAINT_ANSWER_DAYS = 10

# What a definition that promises no time gives: the hours the inbox allows and the promise the
# evaluation holds it to.
DEFAULT_PROMISED_HOURS = 72  # counted on working days (panjereh.core.working_days)
MAX_PROMISED_HOURS = 365 * 24
