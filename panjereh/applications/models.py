"""Service definitions, applications and what comes of them: timeline, inquiries, decisions,
issued documents, deliveries to agency systems, ratings and complaints."""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models

from panjereh.accounts.models import Citizen
from panjereh.agencies.models import Agency
from panjereh.applications.constants import (
    DEFAULT_PROMISED_HOURS,
    MAX_PROMISED_HOURS,
    Actor,
    DecisionMode,
    DeliveryStatus,
    Status,
)
from panjereh.catalog.models import Service
from panjereh.core.models import TimeStampedModel
from panjereh.exchange.models import AgencySystem
from panjereh.persian import to_persian_digits


class ServiceDefinition(TimeStampedModel):
    """How one service is applied for online: its form, the inquiries it makes instead of asking for
    paper, its decision rules and the document it issues. Versioned: an application keeps the
    version it was decided under; only one version of a code is active."""

    code = models.SlugField("کد خدمت", max_length=100)
    version = models.PositiveIntegerField("نسخه", default=1)
    active = models.BooleanField("فعال", default=True)
    service = models.ForeignKey(
        Service, verbose_name="شناسنامه خدمت", on_delete=models.PROTECT, related_name="definitions"
    )
    agency = models.ForeignKey(Agency, verbose_name="دستگاه رسیدگی‌کننده", on_delete=models.PROTECT)
    title = models.CharField("عنوان", max_length=200)
    form = models.JSONField("فرم", default=list, blank=True, help_text="فهرست فیلدها؛ docs/applications.md")
    inquiries = models.JSONField("استعلام‌ها", default=list, blank=True)
    rules = models.JSONField(
        "قواعد تصمیم", default=list, blank=True, help_text="JSON Logic؛ نخستین قاعده برقرار رد می‌کند"
    )
    decision_mode = models.CharField("شیوه تصمیم", max_length=20, choices=DecisionMode.choices)
    approve_reason = models.CharField("دلیل تأیید", max_length=300, blank=True)
    document = models.JSONField("سند صادرشونده", null=True, blank=True)
    sla_hours = models.PositiveIntegerField(
        "زمان وعده‌داده‌شده (ساعت)",
        default=0,
        help_text="جمعه‌ها و تعطیلات رسمی شمرده نمی‌شوند: ۷۲ یعنی سه روز کاری. صفر یعنی ۷۲ ساعت.",
        validators=[
            MaxValueValidator(MAX_PROMISED_HOURS, "زمان وعده‌داده‌شده نمی‌تواند بیش از ۸۷۶۰ ساعت (یک سال کاری) باشد.")
        ],
    )
    # Paid before the application is processed (payments app); 0: free.
    fee_rials = models.PositiveBigIntegerField("هزینه (ریال)", default=0)
    forward_system = models.ForeignKey(
        AgencySystem, verbose_name="سامانه دستگاه (ارسال)", null=True, blank=True, on_delete=models.PROTECT
    )
    forward_path = models.CharField("مسیر دریافت در سامانه دستگاه", max_length=200, blank=True)

    class Meta:
        verbose_name = "تعریف خدمت الکترونیکی"
        verbose_name_plural = "تعریف‌های خدمات الکترونیکی"
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="definition_code_version"),
            models.UniqueConstraint(fields=["code"], condition=models.Q(active=True), name="definition_one_active"),
        ]

    def __str__(self) -> str:
        return f"{self.title} (نسخه {to_persian_digits(self.version)})"

    @property
    def rule_version(self) -> str:
        return f"{self.code}@{self.version}"

    @property
    def promised_time(self) -> datetime.timedelta:
        """How long the service promises a decision takes (its hours, or the default)."""
        return datetime.timedelta(hours=self.sla_hours or DEFAULT_PROMISED_HOURS)


class Application(models.Model):
    """One person's application for one service, from submission to decision."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    # Unique by a constraint, not `unique=True`, and the citizen without an index of its own: on PostgreSQL
    # those would add a LIKE index (text_pattern_ops) no lookup uses, and a second index on citizen_id that
    # (citizen, -submitted_at) already serves; at national size each costs a gigabyte or more and is
    # written on every submission (docs/capacity.md).
    tracking_code = models.CharField("کد رهگیری", max_length=12)
    citizen = models.ForeignKey(
        Citizen, verbose_name="متقاضی", on_delete=models.PROTECT, related_name="applications", db_index=False
    )
    definition = models.ForeignKey(ServiceDefinition, verbose_name="خدمت", on_delete=models.PROTECT)
    agency = models.ForeignKey(Agency, verbose_name="دستگاه", on_delete=models.PROTECT, related_name="applications")
    data = models.JSONField("داده‌های فرم", default=dict)
    status = models.CharField("وضعیت", max_length=20, choices=Status.choices, default=Status.SUBMITTED)
    decision_mode = models.CharField("شیوه تصمیم", max_length=20, choices=DecisionMode.choices)
    submitted_at = models.DateTimeField("زمان ثبت")
    updated_at = models.DateTimeField("آخرین تغییر", auto_now=True)
    due_at = models.DateTimeField("مهلت رسیدگی", null=True, blank=True)
    # What the service promised at submission (its definition's hours): the evaluation counts the
    # decisions made by then with a plain comparison of two columns.
    promised_by = models.DateTimeField("زمان وعده‌داده‌شده", null=True, blank=True)
    # When each clock started (submission or payment; the hand-over): both deadlines are counted on
    # working days, and counted again from here when a day is announced closed or open
    # (services/deadlines.py).
    promised_from = models.DateTimeField("آغاز شمارش وعده", null=True, blank=True)
    due_from = models.DateTimeField("آغاز شمارش مهلت", null=True, blank=True)
    # The decision: who or what decided, why, under which rules and on which inputs.
    decided_at = models.DateTimeField("زمان تصمیم", null=True, blank=True)
    decision_reason = models.TextField("دلیل تصمیم", blank=True)
    decided_by = models.CharField("تصمیم‌گیرنده", max_length=150, blank=True)  # a name to show, nothing more
    # Whether the platform's rules made the decision (not a person or an agency system): what lets
    # the person appeal it, once. Cleared when an appeal hands the application to a person.
    decided_automatically = models.BooleanField("تصمیم خودکار", default=False)
    rule_version = models.CharField("نسخه قواعد", max_length=120, blank=True)
    inputs_hash = models.CharField("چکیده ورودی‌های تصمیم", max_length=64, blank=True)
    # The agency's inbox: who claimed it, and whether the person appealed an automatic decision.
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="کارشناس", null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )  # fmt: skip
    claimed_at = models.DateTimeField("زمان برداشتن", null=True, blank=True)
    appealed_at = models.DateTimeField("زمان اعتراض", null=True, blank=True)
    attempts = models.PositiveSmallIntegerField("شمار تلاش‌های پردازش", default=0)

    class Meta:
        verbose_name = "درخواست"
        verbose_name_plural = "درخواست‌ها"
        ordering = ["-submitted_at"]
        indexes = [
            models.Index(fields=["citizen", "-submitted_at"]),
            models.Index(fields=["agency", "status", "due_at"]),
            models.Index(fields=["status", "updated_at"]),
            models.Index(fields=["submitted_at"]),  # the evaluation's and the statistics' windows
        ]
        constraints = [models.UniqueConstraint(fields=["tracking_code"], name="application_tracking_code_unique")]

    def __str__(self) -> str:
        return self.tracking_code


class IdempotencyKey(models.Model):
    """A client's Idempotency-Key: the same key and body give the same application; a key still
    being worked on (`application` empty) answers a concurrent duplicate with 409."""

    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=128)
    request_hash = models.CharField(max_length=64)
    application = models.ForeignKey(Application, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()
    locked_until = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["citizen", "key"], name="idempotency_citizen_key")]
        indexes = [models.Index(fields=["created_at"])]

    def __str__(self) -> str:
        return self.key


class ApplicationEvent(models.Model):
    """One step on an application's timeline; also the audit trail of who did what to it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField("زمان")
    status = models.CharField("وضعیت", max_length=20, choices=Status.choices)
    message = models.CharField("شرح", max_length=500)
    actor = models.CharField("انجام‌دهنده", max_length=20, choices=Actor.choices)
    actor_name = models.CharField("نام انجام‌دهنده", max_length=150, blank=True)

    class Meta:
        verbose_name = "رویداد درخواست"
        verbose_name_plural = "رویدادهای درخواست"
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.message


class InquiryResult(models.Model):
    """What one inquiry of an application got back through the exchange (and its audit id)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="inquiry_results")
    name = models.SlugField(max_length=64)
    provider = models.SlugField(max_length=64)
    data_service = models.SlugField(max_length=64)
    status_code = models.PositiveSmallIntegerField()
    answer = models.JSONField(default=dict)
    audit_id = models.CharField(max_length=64, blank=True)
    at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["application", "name"], name="inquiry_once_per_application")]

    def __str__(self) -> str:
        return f"{self.application_id}:{self.name}"


class DocumentKey(models.Model):
    """A key issued documents are signed with. Old keys stay published, so rotation never
    invalidates a document; a compromised key is revoked, and what it signed is no longer valid."""

    key_id = models.SlugField("شناسه کلید", max_length=64, primary_key=True)
    public_key = models.CharField("کلید عمومی (Ed25519، base64url)", max_length=64)
    created_at = models.DateTimeField("زمان ایجاد")
    retired_at = models.DateTimeField("پایان امضا", null=True, blank=True)
    revoked_at = models.DateTimeField("زمان ابطال", null=True, blank=True)

    class Meta:
        verbose_name = "کلید امضای اسناد"
        verbose_name_plural = "کلیدهای امضای اسناد"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.key_id


class IssuedDocument(models.Model):
    """A document the platform issued: minimal claims, signed under a key id, verifiable by anyone."""

    id = models.CharField("شناسه سند", max_length=32, primary_key=True)
    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="documents")
    citizen = models.ForeignKey(Citizen, on_delete=models.PROTECT, related_name="documents")
    kind = models.SlugField("نوع", max_length=100)
    title = models.CharField("عنوان", max_length=200)
    claims = models.JSONField("ادعاها")
    issued_at = models.DateTimeField("زمان صدور")
    expires_at = models.DateTimeField("اعتبار تا", null=True, blank=True)
    key = models.ForeignKey(DocumentKey, on_delete=models.PROTECT, related_name="documents")
    signature = models.CharField("امضا (base64url)", max_length=128)
    revoked_at = models.DateTimeField("زمان ابطال", null=True, blank=True)
    revoked_reason = models.CharField("دلیل ابطال", max_length=300, blank=True)

    class Meta:
        verbose_name = "سند صادرشده"
        verbose_name_plural = "اسناد صادرشده"
        ordering = ["-issued_at"]

    def __str__(self) -> str:
        return f"{self.title} {self.id}"


class Delivery(models.Model):
    """An application forwarded to an agency system's webhook: retried with backoff, dead after the last try."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="deliveries")
    system = models.ForeignKey(AgencySystem, on_delete=models.PROTECT, related_name="+")
    url = models.URLField(max_length=300)
    payload = models.JSONField()
    status = models.CharField(max_length=20, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField()
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "ارسال به سامانه دستگاه"
        verbose_name_plural = "ارسال‌ها به سامانه‌های دستگاه‌ها"
        indexes = [models.Index(fields=["status", "next_attempt_at"])]

    def __str__(self) -> str:
        return f"{self.application_id} → {self.url}"


class Rating(models.Model):
    """A person's rating of a finished service (feeds the evaluation)."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="rating")
    stars = models.PositiveSmallIntegerField("امتیاز")
    comment = models.CharField("نظر", max_length=1000, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = "امتیاز خدمت"
        verbose_name_plural = "امتیازهای خدمات"
        constraints = [models.CheckConstraint(condition=models.Q(stars__gte=1, stars__lte=5), name="rating_1_to_5")]

    def __str__(self) -> str:
        return f"{self.stars}"


class Complaint(TimeStampedModel):
    """A complaint about an agency's handling of an application (feeds the evaluation)."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="complaints")
    citizen = models.ForeignKey(Citizen, on_delete=models.CASCADE, related_name="complaints")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="complaints")
    number = models.CharField("شماره شکایت", max_length=12, blank=True, db_index=True)  # told to the person
    text = models.TextField("متن شکایت", max_length=2000)
    due_at = models.DateTimeField("مهلت پاسخ", null=True, blank=True)
    answered_at = models.DateTimeField("زمان پاسخ", null=True, blank=True)
    answer = models.TextField("پاسخ", blank=True)
    answered_by = models.CharField("پاسخ‌دهنده", max_length=150, blank=True)

    class Meta:
        verbose_name = "شکایت"
        verbose_name_plural = "شکایت‌ها"
        indexes = [models.Index(fields=["agency", "answered_at", "due_at"])]

    def __str__(self) -> str:
        return self.text[:50]
