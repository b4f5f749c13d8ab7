from __future__ import annotations

from django.conf import settings
from django.db import models

from panjereh.core.models import TimeStampedModel


class Citizen(TimeStampedModel):
    """A person known to the national window by their national code. (The one-time-code login
    that creates them is issue C; until then they are created by services and tests.)"""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="citizen")
    national_code = models.CharField("کد ملی", max_length=10, unique=True)
    first_name = models.CharField("نام", max_length=100, blank=True)
    last_name = models.CharField("نام خانوادگی", max_length=100, blank=True)

    class Meta:
        verbose_name = "شهروند"
        verbose_name_plural = "شهروندان"

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.national_code
