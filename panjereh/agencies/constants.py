from django.db import models


class AgencyKind(models.TextChoices):
    MINISTRY = "ministry", "وزارتخانه"
    ORGANISATION = "organisation", "سازمان"
    COMPANY = "company", "شرکت دولتی"
    FOUNDATION = "foundation", "بنیاد و نهاد"
    BANK = "bank", "بانک"
    MUNICIPALITY = "municipality", "شهرداری"
    JUDICIARY = "judiciary", "قوه قضاییه"
    MILITARY = "military", "نیروهای مسلح"
    COUNCIL = "council", "شورا"


class WindowStatus(models.TextChoices):
    NOT_STARTED = "not_started", "راه‌اندازی نشده"
    LAUNCHED = "launched", "راه‌اندازی شده"
    TESTING = "testing", "در حال آزمون اتصال"
    CONNECTED = "connected", "متصل به پنجره ملی"
