from __future__ import annotations

from django.db import models


class Pillar(models.TextChoices):
    """The four pillars of the evaluation of electronic government («کارنامه دولت الکترونیکی»)."""

    USER_CENTRIC = "user_centric", "کاربرمحور"
    TRANSPARENT = "transparent", "شفاف"
    INTEGRATED = "integrated", "یکپارچه"
    PARTICIPATORY = "participatory", "مشارکتی"


class RoundState(models.TextChoices):
    DRAFT = "draft", "پیش‌نویس"
    UNDER_REVIEW = "under_review", "در حال بررسی دستگاه‌ها"
    PUBLISHED = "published", "منتشرشده"


class Standing(models.TextChoices):
    """Where an agency stands in a round."""

    SCORED = "scored", "ارزیابی شد"
    INSUFFICIENT = "insufficient", "داده کافی نیست"
    ABSENT = "absent", "شرکت نکرد"


# The UN E-Government Survey's Online Service Index sub-indices each indicator feeds.
OSI_SUBINDEX = {
    "IF": "چارچوب نهادی",
    "CP": "ارائه محتوا",
    "SP": "ارائه خدمات",
    "EPI": "مشارکت الکترونیکی",
    "TEC": "فناوری",
}

# Default weights (settings.EVALUATION_PILLAR_WEIGHTS overrides); each round keeps the ones it used.
PILLAR_WEIGHTS = {Pillar.USER_CENTRIC: 30, Pillar.TRANSPARENT: 20, Pillar.INTEGRATED: 30, Pillar.PARTICIPATORY: 20}

# The inputs a report card shows next to each indicator, in Persian.
INPUT_LABELS = {
    "full": "خدمات تمام الکترونیکی", "semi": "خدمات نیمه الکترونیکی", "not_yet": "خدمات هنوز الکترونیکی نشده",
    "services": "خدمات دستگاه", "smart": "خدمات با تصمیم خودکار", "document_free": "خدمات بی‌نیاز از مدرک",
    "decided_in_time": "تصمیم در زمان وعده‌داده‌شده", "decided": "درخواست‌های تصمیم‌گرفته",
    "by_person_in_time": "تصمیم کارشناس پیش از مهلت", "by_person": "تصمیم‌های کارشناس",
    "finished": "درخواست‌های به نتیجه رسیده", "submitted": "درخواست‌های ثبت‌شده",
    "with_time": "با زمان انجام", "with_requirements": "با مدارک و شرایط", "with_legal_basis": "با مبنای قانونی",
    "with_channels": "با کانال‌های ارائه", "with_reason": "تصمیم‌های مستدل",
    "connected_on": "تاریخ اتصال به پنجره ملی", "launched_on": "تاریخ راه‌اندازی پنجره واحد",
    "connect_by": "مهلت اتصال", "launch_by": "مهلت راه‌اندازی", "listed": "خدمات فهرست‌شده",
    "declared": "خدمات اعلام‌شده", "answered": "استعلام‌های پاسخ‌داده", "forwarded": "استعلام‌های رسیده",
    "p95_ms": "صدک ۹۵ زمان پاسخ (میلی‌ثانیه)", "consumers": "دستگاه‌های دیگر پاسخ‌گرفته",
    "adopted": "ورود یکپارچه", "ratings": "امتیازهای مردم", "stars": "مجموع ستاره‌ها",
    "answered_in_time": "شکایت‌های پاسخ‌داده در مهلت", "complaints": "شکایت‌ها",
    "corrected_from": "مقدار سنجیده، پیش از اصلاح در پی اعتراض",
}  # fmt: skip


class ObjectionState(models.TextChoices):
    OPEN = "open", "در انتظار تصمیم"
    ACCEPTED = "accepted", "پذیرفته شد"
    REJECTED = "rejected", "رد شد"
