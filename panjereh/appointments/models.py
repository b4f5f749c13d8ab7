"""An agency's office (where a service is given at a counter) and a person's appointment there."""

from __future__ import annotations

import uuid

from django.db import models

from panjereh.accounts.models import Citizen
from panjereh.agencies.models import Agency
from panjereh.appointments.constants import AppointmentStatus
from panjereh.catalog.models import Service


class Office(models.Model):
    """Where an agency serves people in person: its address, its weekly hours, and how many people it
    serves at once (the appointments a slot takes)."""

    agency = models.ForeignKey(Agency, verbose_name="دستگاه", on_delete=models.PROTECT, related_name="offices")
    code = models.SlugField("کد", max_length=100, unique=True)
    name = models.CharField("نام", max_length=200)
    province = models.CharField("استان", max_length=50)
    city = models.CharField("شهر", max_length=50)
    address = models.TextField("نشانی")
    phone = models.CharField("تلفن", max_length=20, blank=True)
    # {"sat": [["07:30", "14:30"]], ..., "fri": []}: the hours of each day of the week, in Tehran's time.
    hours = models.JSONField("ساعت کار", default=dict)
    counters = models.PositiveSmallIntegerField("باجه‌ها", default=2)  # appointments one slot takes
    slot_minutes = models.PositiveSmallIntegerField("مدت هر نوبت (دقیقه)", default=15)
    is_sample = models.BooleanField("داده نمونه", default=False)

    class Meta:
        verbose_name = "دفتر"
        verbose_name_plural = "دفترها"
        ordering = ["province", "city", "name"]
        indexes = [models.Index(fields=["agency", "province"])]

    def __str__(self) -> str:
        return self.name


class Appointment(models.Model):
    """A person's booked time at an office for a service. One booked appointment per person and
    service at a time; a slot takes as many as the office has counters."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    code = models.CharField("کد نوبت", max_length=10, unique=True)  # told to the person and the counter
    office = models.ForeignKey(Office, verbose_name="دفتر", on_delete=models.PROTECT, related_name="appointments")
    service = models.ForeignKey(Service, verbose_name="خدمت", on_delete=models.PROTECT, related_name="+")
    citizen = models.ForeignKey(Citizen, verbose_name="متقاضی", on_delete=models.CASCADE, related_name="appointments")
    starts_at = models.DateTimeField("زمان نوبت")
    status = models.CharField("وضعیت", max_length=20, choices=AppointmentStatus.choices,
                              default=AppointmentStatus.BOOKED)  # fmt: skip
    created_at = models.DateTimeField("زمان رزرو")
    cancelled_at = models.DateTimeField("زمان لغو", null=True, blank=True)
    reminded_at = models.DateTimeField("زمان یادآوری", null=True, blank=True)

    class Meta:
        verbose_name = "نوبت"
        verbose_name_plural = "نوبت‌ها"
        ordering = ["starts_at"]
        indexes = [models.Index(fields=["office", "starts_at"]), models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.UniqueConstraint(
                fields=["citizen", "service"], condition=models.Q(status="booked"), name="one_booking_per_service"
            )
        ]

    def __str__(self) -> str:
        return self.code
