from __future__ import annotations

from django.db import models

from panjereh.agencies.models import Agency
from panjereh.catalog.constants import Audience, Channel, Maturity
from panjereh.core.models import TimeStampedModel


class Grouping(models.Model):
    """A way of grouping services for people: a category or a life event."""

    code = models.SlugField("کد", max_length=64, unique=True)
    name = models.CharField("نام", max_length=120)
    description = models.TextField("توضیح", blank=True)
    position = models.PositiveSmallIntegerField("ترتیب", default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Category(Grouping):
    class Meta(Grouping.Meta):
        verbose_name = "دسته خدمت"
        verbose_name_plural = "دسته‌های خدمات"


class LifeEvent(Grouping):
    # [{"title": "ثبت ولادت و صدور شناسنامه", "words": ["ولادت", "شناسنامه"]}, …] in the order a person
    # takes them; a service goes under the first step one of whose words its title holds.
    steps = models.JSONField("گام‌ها", default=list, blank=True)

    class Meta(Grouping.Meta):
        verbose_name = "رویداد زندگی"
        verbose_name_plural = "رویدادهای زندگی"


class Service(TimeStampedModel):
    """A service profile («شناسنامه خدمت»): what the service is and how to get it."""

    code = models.SlugField("کد", max_length=100, unique=True)
    agency = models.ForeignKey(Agency, verbose_name="دستگاه", on_delete=models.PROTECT, related_name="services")
    title = models.CharField("عنوان", max_length=200)
    summary = models.TextField("خلاصه", blank=True)
    description = models.TextField("شرح", blank=True)
    audience = models.CharField("مخاطب", max_length=5, choices=Audience.choices, default=Audience.G2C)
    maturity = models.CharField("سطح الکترونیکی", max_length=20, choices=Maturity.choices, default=Maturity.NOT_YET)
    # Smart as measured: an active definition on the platform decides it automatically (kept by the
    # applications app); what the agency's own list says is kept beside it, never in its place.
    smart = models.BooleanField("هوشمند (سنجیده)", default=False)
    smart_claimed = models.BooleanField("هوشمند به گفته دستگاه", default=False)
    channels = models.JSONField("کانال‌های ارائه", default=list, blank=True)
    requirements = models.JSONField("مدارک و شرایط لازم", default=list, blank=True)
    fee_rials = models.PositiveBigIntegerField("هزینه (ریال)", default=0)
    sla_days = models.PositiveSmallIntegerField("مدت انجام (روز)", default=0)
    keywords = models.JSONField("کلیدواژه‌ها", default=list, blank=True)
    legal_basis = models.TextField("مبنای قانونی", blank=True)
    revision = models.PositiveIntegerField("شماره بازنگری", default=1)
    approved_on = models.DateField("تاریخ تصویب", null=True, blank=True)
    service_url = models.URLField("نشانی خدمت در دستگاه", blank=True, max_length=300)
    categories = models.ManyToManyField(Category, verbose_name="دسته‌ها", related_name="services", blank=True)
    life_events = models.ManyToManyField(LifeEvent, verbose_name="رویدادهای زندگی", related_name="services", blank=True)
    is_sample = models.BooleanField("داده نمونه", default=False)

    class Meta:
        verbose_name = "شناسنامه خدمت"
        verbose_name_plural = "شناسنامه‌های خدمات"
        ordering = ["title"]
        indexes = [
            models.Index(fields=["maturity"]),
            models.Index(fields=["audience"]),
            models.Index(fields=["smart"]),
        ]

    def __str__(self) -> str:
        return self.title

    def channel_labels(self) -> list[str]:
        return [str(Channel(value).label) for value in self.channels if value in Channel.values]


class SearchState(models.Model):
    """One row, given a new random token whenever the search index changes, so every process
    knows when its in-memory vocabulary (used for typo correction) is stale. A token rather than
    a counter: a rolled-back change must never leave a number that a later change reuses."""

    token = models.CharField(max_length=32, default="")

    def __str__(self) -> str:
        return self.token
