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
COMPLAINT_ANSWER_DAYS = 10  # a complaint answered later than this counts as not answered in time
