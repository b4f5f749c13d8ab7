from django.db import models


class Audience(models.TextChoices):
    G2C = "G2C", "دولت به شهروند"
    G2B = "G2B", "دولت به کسب‌وکار"
    G2B2C = "G2B2C", "دولت به کسب‌وکار به شهروند"
    G2G = "G2G", "دولت به دولت"


class Maturity(models.TextChoices):
    FULL = "full", "تمام الکترونیکی"
    SEMI = "semi", "نیمه الکترونیکی"
    OFFLINE_BY_NATURE = "offline_by_nature", "ذاتاً غیرالکترونیکی"
    NOT_YET = "not_yet", "هنوز الکترونیکی نشده"


class Channel(models.TextChoices):
    WEB = "web", "وبگاه"
    MOBILE = "mobile", "برنامک همراه"
    IN_PERSON = "in_person", "مراجعه حضوری"
    KIOSK = "kiosk", "دفاتر پیشخوان و کیوسک"
    PHONE = "phone", "تلفن"


PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200  # longer queries are cut, not refused: people paste whole sentences
