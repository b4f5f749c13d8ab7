"""A round's frozen snapshot: what each indicator measured for each agency (with its inputs) and for each
of its services, and the scores and ranks computed from it."""

from __future__ import annotations

from django.db import models

from panjereh.agencies.models import Agency
from panjereh.evaluation.constants import ObjectionState, RoundState, Standing
from panjereh.evaluation.indicators import BY_CODE
from panjereh.evaluation.rounds import quarter_parse


class Round(models.Model):
    """One evaluation round: a Jalali quarter; draft → under review → published (then frozen)."""

    code = models.CharField("کد دوره", max_length=7, unique=True)  # 1403-Q2
    starts_at = models.DateTimeField("آغاز")
    ends_at = models.DateTimeField("پایان")
    state = models.CharField("وضعیت", max_length=20, choices=RoundState.choices, default=RoundState.DRAFT)
    measured_at = models.DateTimeField("زمان سنجش")
    scored_at = models.DateTimeField("زمان امتیازدهی")
    published_at = models.DateTimeField("زمان انتشار", null=True, blank=True)
    weights = models.JSONField("وزن‌ها", default=dict)  # the pillar weights this round was scored with

    class Meta:
        verbose_name = "دوره ارزیابی"
        verbose_name_plural = "دوره‌های ارزیابی"
        ordering = ["-starts_at"]

    def __str__(self) -> str:
        return quarter_parse(self.code).name  # «تابستان ۱۴۰۳»


class IndicatorValue(models.Model):
    """What one indicator measured for one agency in one round: its value (0 to 1), how many
    observations it rests on, and the inputs it was computed from, kept as measured."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="values")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    indicator = models.SlugField(max_length=40)
    value = models.FloatField(null=True)  # None: nothing to measure
    basis = models.PositiveIntegerField(default=0)
    sufficient = models.BooleanField(default=False)
    inputs = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["round", "agency", "indicator"], name="indicator_once_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.agency_id}:{self.indicator}"


class ServiceValues(models.Model):
    """What the indicators that also measure each service measured for one service in one round, with
    the service's code and title as they were then. Shown beside the agency's card; not scored."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="service_values")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    service_code = models.SlugField(max_length=100)
    title = models.CharField(max_length=200)
    measures = models.JSONField(default=dict)  # {indicator: {"value", "basis", "sufficient", "inputs"}}

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "service_code"], name="service_values_once")]
        indexes = [models.Index(fields=["round", "agency"])]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.service_code}"


class AgencyResult(models.Model):
    """An agency's scores in a round (0–100) and its rank among the scored. The change since an earlier
    round is not kept: the selectors measure it from the newest round published before this one."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="results")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    standing = models.CharField(max_length=20, choices=Standing.choices)
    score = models.FloatField(null=True)
    rank = models.PositiveIntegerField(null=True)
    user_centric = models.FloatField(null=True)
    transparent = models.FloatField(null=True)
    integrated = models.FloatField(null=True)
    participatory = models.FloatField(null=True)
    applications = models.PositiveIntegerField(default=0)  # submitted in the round: the traffic

    class Meta:
        constraints = [models.UniqueConstraint(fields=["round", "agency"], name="result_once_per_agency")]
        indexes = [models.Index(fields=["round", "rank"])]

    def __str__(self) -> str:
        return f"{self.round_id}:{self.agency_id}"


class ConnectionWeek(models.Model):
    """One agency's window in one week (the weekly connection report): its state at the week's end,
    whether it launched or connected that week, and which legal deadlines it had missed by then."""

    week = models.DateField("آغاز هفته (شنبه)")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    state = models.CharField(max_length=20)  # not_started, launched, connected
    launched_this_week = models.BooleanField(default=False)
    connected_this_week = models.BooleanField(default=False)
    late_to_launch = models.BooleanField(default=False)
    late_to_connect = models.BooleanField(default=False)
    listed = models.PositiveIntegerField(default=0)
    declared = models.PositiveIntegerField(null=True)

    class Meta:
        verbose_name = "گزارش هفتگی اتصال"
        verbose_name_plural = "گزارش‌های هفتگی اتصال"
        constraints = [models.UniqueConstraint(fields=["week", "agency"], name="connection_once_per_week")]

    def __str__(self) -> str:
        return f"{self.week}:{self.agency_id}"


class Objection(models.Model):
    """An agency's objection to one indicator of its draft report card, while the round is under
    review, and the supervisor's decision: accepted (the indicator corrected, the round scored again)
    or rejected, each with a reason. The published card lists them."""

    round = models.ForeignKey(Round, verbose_name="دوره", on_delete=models.CASCADE, related_name="objections")
    agency = models.ForeignKey(Agency, verbose_name="دستگاه", on_delete=models.PROTECT, related_name="+")
    indicator = models.SlugField("شاخص", max_length=40)
    reason = models.TextField("دلیل اعتراض", max_length=2000)
    filed_by = models.CharField("ثبت‌کننده", max_length=150)
    filed_at = models.DateTimeField("زمان ثبت")
    state = models.CharField("وضعیت", max_length=20, choices=ObjectionState.choices, default=ObjectionState.OPEN)
    decision = models.TextField("دلیل تصمیم", blank=True)
    decided_by = models.CharField("تصمیم‌گیرنده", max_length=150, blank=True)
    decided_at = models.DateTimeField("زمان تصمیم", null=True, blank=True)
    value_before = models.FloatField("مقدار پیش از اصلاح", null=True, blank=True)
    value_after = models.FloatField("مقدار اصلاح‌شده", null=True, blank=True)

    class Meta:
        verbose_name = "اعتراض به کارنامه"
        verbose_name_plural = "اعتراض‌ها به کارنامه"
        ordering = ["-filed_at"]

    def __str__(self) -> str:
        indicator = BY_CODE[self.indicator].name if self.indicator in BY_CODE else self.indicator
        return f"اعتراض {self.agency.name} به شاخص «{indicator}»، {self.round}"
