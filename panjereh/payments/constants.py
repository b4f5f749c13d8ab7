from __future__ import annotations

from django.db import models


class PaymentStatus(models.TextChoices):
    PENDING = "pending", "در انتظار پرداخت"
    PAID = "paid", "پرداخت شد"
    FAILED = "failed", "ناموفق"
    REFUNDED = "refunded", "بازگردانده شد"


class Purpose(models.TextChoices):
    APPLICATION = "application", "هزینه خدمت"
    BILL = "bill", "پرداخت قبض"


class BillerSays(models.TextChoices):
    """What the issuing agency said of a bill when its payment started (kept on the `started` event)."""

    PAID = "paid", "صادرکننده آن را پرداخت‌شده می‌داند"  # the payment is refused
    UNPAID = "unpaid", "صادرکننده آن را پرداخت‌نشده می‌داند"
    NOT_LISTED = "not_listed", "در قبوض به نام پرداخت‌کننده نبود"  # someone else's bill, or another period's
    UNANSWERED = "unanswered", "صادرکننده پاسخ نداد؛ بی‌گفته او پرداخت شد"


class EventKind(models.TextChoices):
    STARTED = "started", "به درگاه بانک رفت"
    RETURNED = "returned", "از بانک بازگشت"
    PAID = "paid", "پرداخت تأیید شد"
    FAILED = "failed", "پرداخت انجام نشد"
    REFUSED = "refused", "بازگشت نامعتبر رد شد"
    REFUND_DUE = "refund_due", "بازپرداخت لازم شد"
    REFUNDED = "refunded", "بازپرداخت شد"


# A payment nobody came back from is asked of the bank after this, then failed if the bank has nothing.
PENDING_MINUTES = 20

# Where the bank sends the person back (the portal's view); the payment's id goes in the braces.
RETURN_PATH = "/payments/{}/return"
