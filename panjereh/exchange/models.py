"""The information exchange: agency systems, data services, grants, consents and the audit log."""

from __future__ import annotations

from django.db import models

from panjereh.agencies.models import Agency
from panjereh.core.models import TimeStampedModel
from panjereh.exchange.constants import CredentialKind, GrantStatus, Outcome
from panjereh.persian import to_persian_digits


class AgencySystem(TimeStampedModel):
    """A machine client of an agency: it calls the exchange, and may serve data services."""

    agency = models.ForeignKey(Agency, verbose_name="دستگاه", on_delete=models.PROTECT, related_name="systems")
    code = models.SlugField("شناسه سامانه (iss)", max_length=64, unique=True)
    name = models.CharField("نام", max_length=200)
    base_url = models.URLField("نشانی پایه سامانه", blank=True)
    contact = models.CharField("اطلاعات تماس", max_length=200, blank=True)
    active = models.BooleanField("فعال", default=True)

    class Meta:
        verbose_name = "سامانه دستگاه"
        verbose_name_plural = "سامانه‌های دستگاه‌ها"

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"


class SystemCredential(models.Model):
    """A key a system signs its tokens with. Several may be active at once, for rotation."""

    system = models.ForeignKey(
        AgencySystem, verbose_name="سامانه", on_delete=models.CASCADE, related_name="credentials"
    )
    key_id = models.SlugField("شناسه کلید (kid)", max_length=64)
    kind = models.CharField("نوع", max_length=8, choices=CredentialKind.choices)
    public_key = models.TextField("کلید عمومی (PEM)", blank=True)
    # A shared HS256 secret has to be kept to check signatures: it is stored sealed (core.secrets.seal),
    # and shown once, when created.
    secret = models.TextField("کلید مشترک", blank=True)
    created_at = models.DateTimeField("زمان ایجاد", auto_now_add=True)
    revoked_at = models.DateTimeField("زمان ابطال", null=True, blank=True)

    class Meta:
        verbose_name = "کلید سامانه"
        verbose_name_plural = "کلیدهای سامانه‌ها"
        constraints = [models.UniqueConstraint(fields=["system", "key_id"], name="unique_key_id_per_system")]

    def __str__(self) -> str:
        return f"{self.system.code}/{self.key_id}"


class Purpose(models.Model):
    """Why data is asked for; shown to the person whose data it is."""

    code = models.SlugField("کد", max_length=64, unique=True)
    name = models.CharField("عنوان", max_length=200)

    class Meta:
        verbose_name = "هدف استعلام"
        verbose_name_plural = "هدف‌های استعلام"

    def __str__(self) -> str:
        return self.name


class DataService(TimeStampedModel):
    """A data service a provider agency publishes on the exchange."""

    provider = models.ForeignKey(
        Agency, verbose_name="دستگاه ارائه‌دهنده", on_delete=models.PROTECT, related_name="data_services"
    )
    system = models.ForeignKey(
        AgencySystem, verbose_name="سامانه ارائه‌دهنده", on_delete=models.PROTECT, related_name="data_services"
    )
    code = models.SlugField("کد", max_length=64)
    version = models.CharField("نسخه", max_length=20, default="1")
    title = models.CharField("عنوان", max_length=200)
    description = models.TextField("شرح", blank=True)
    endpoint = models.CharField("مسیر در سامانه ارائه‌دهنده", max_length=200)
    request_schema = models.JSONField("JSON Schema درخواست", default=dict)
    response_schema = models.JSONField("JSON Schema پاسخ", default=dict)
    purposes = models.ManyToManyField(Purpose, verbose_name="هدف‌های مجاز", related_name="data_services")
    concerns_person = models.BooleanField("درباره شخص است", default=True)
    subject_field = models.CharField(
        "فیلد کد ملی در درخواست", max_length=64, default="national_code",
        help_text="درگاه بررسی می‌کند که این فیلد با سرآیند X-Subject یکی باشد",
    )  # fmt: skip
    requires_consent = models.BooleanField("نیازمند رضایت شخص", default=False)
    timeout_ms = models.PositiveIntegerField("مهلت پاسخ (میلی‌ثانیه)", default=3000)
    idempotent = models.BooleanField("تکرار بی‌خطر", default=True)
    active = models.BooleanField("فعال", default=True)

    class Meta:
        verbose_name = "خدمت داده"
        verbose_name_plural = "خدمات داده"
        constraints = [models.UniqueConstraint(fields=["provider", "code"], name="unique_data_service_per_provider")]

    def __str__(self) -> str:
        return f"{self.provider.code}/{self.code}"


class Grant(TimeStampedModel):
    """Permission for one consumer system to call one data service for some purposes. Default deny."""

    consumer = models.ForeignKey(
        AgencySystem, verbose_name="سامانه مصرف‌کننده", on_delete=models.PROTECT, related_name="grants"
    )
    data_service = models.ForeignKey(
        DataService, verbose_name="خدمت داده", on_delete=models.PROTECT, related_name="grants"
    )
    purposes = models.ManyToManyField(Purpose, verbose_name="هدف‌ها", related_name="grants")
    status = models.CharField("وضعیت", max_length=12, choices=GrantStatus.choices, default=GrantStatus.REQUESTED)
    valid_from = models.DateTimeField("اعتبار از", null=True, blank=True)
    valid_until = models.DateTimeField("اعتبار تا", null=True, blank=True)
    reason = models.TextField("شرح", blank=True)
    decided_at = models.DateTimeField("زمان تصمیم", null=True, blank=True)
    decided_by = models.CharField("تصمیم‌گیرنده", max_length=200, blank=True)

    class Meta:
        verbose_name = "مجوز دسترسی"
        verbose_name_plural = "مجوزهای دسترسی"

    def __str__(self) -> str:
        return f"{self.consumer.code} → {self.data_service}"


class Consent(models.Model):
    """A person's consent for one consumer agency to read one data service for one purpose."""

    subject = models.CharField("کد ملی", max_length=10, db_index=True)
    consumer_agency = models.ForeignKey(
        Agency, verbose_name="دستگاه مصرف‌کننده", on_delete=models.CASCADE, related_name="consents"
    )
    data_service = models.ForeignKey(
        DataService, verbose_name="خدمت داده", on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.ForeignKey(Purpose, verbose_name="هدف", on_delete=models.CASCADE, related_name="consents")
    given_at = models.DateTimeField("زمان رضایت", auto_now_add=True)
    expires_at = models.DateTimeField("پایان اعتبار", null=True, blank=True)
    revoked_at = models.DateTimeField("زمان پس‌گرفتن", null=True, blank=True)

    class Meta:
        verbose_name = "رضایت شخص"
        verbose_name_plural = "رضایت‌های اشخاص"

    def __str__(self) -> str:
        return f"{self.subject}: {self.data_service}"


class AuditRecord(models.Model):
    """One exchange call, answered or refused. Each record's hash covers the previous one's, so
    an edited, removed or inserted record breaks the chain; signed checkpoints anchor it."""

    seq = models.BigIntegerField("شماره", unique=True)
    at = models.DateTimeField("زمان", db_index=True)
    # Codes, not keys: the log outlives what it names.
    consumer = models.CharField("سامانه مصرف‌کننده", max_length=64)
    consumer_agency = models.CharField("دستگاه مصرف‌کننده", max_length=64)
    provider = models.CharField("دستگاه ارائه‌دهنده", max_length=64)
    data_service = models.CharField("خدمت داده", max_length=64)
    purpose = models.CharField("هدف", max_length=64)
    subject = models.CharField("کد ملی شخص", max_length=10, blank=True)
    application = models.CharField("کد رهگیری درخواست", max_length=40, blank=True)
    outcome = models.CharField("نتیجه", max_length=24, choices=Outcome.choices)
    status = models.PositiveSmallIntegerField("کد وضعیت HTTP")
    latency_ms = models.FloatField("زمان پاسخ (میلی‌ثانیه)")
    request_hash = models.CharField("چکیده درخواست", max_length=64)
    response_hash = models.CharField("چکیده پاسخ", max_length=64)
    jti = models.CharField("شناسه توکن (jti)", max_length=100, blank=True)
    prev_hash = models.CharField("چکیده رکورد پیشین", max_length=64)
    hash = models.CharField("چکیده رکورد", max_length=64)

    class Meta:
        verbose_name = "رکورد ممیزی تبادل"
        verbose_name_plural = "رکوردهای ممیزی تبادل"
        indexes = [
            models.Index(fields=["subject", "-seq"], name="audit_subject_seq"),
            models.Index(fields=["consumer_agency", "outcome"], name="audit_consumer_outcome"),
            models.Index(fields=["provider", "outcome"], name="audit_provider_outcome"),
        ]

    def __str__(self) -> str:
        where = f"{self.consumer} → {self.provider}/{self.data_service}"
        return f"رکورد {to_persian_digits(self.seq)}: {where} ({self.get_outcome_display()})"


class AuditHead(models.Model):
    """One row: the chain's last sequence number and hash; writers lock it to append in order. Signed
    with every batch (the same message as a checkpoint's), so the newest record is anchored too."""

    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64)
    key_id = models.CharField(max_length=64, blank=True)
    signature = models.CharField(max_length=100, blank=True)
    signed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"#{self.seq}"


class AuditSigningKey(models.Model):
    """Published verification keys of the audit checkpoints (Ed25519, raw, base64)."""

    key_id = models.CharField(max_length=64, unique=True)
    public_key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.key_id


class AuditCheckpoint(models.Model):
    """A signature over the chain's hash at a sequence number."""

    seq = models.BigIntegerField("تا شماره", unique=True)
    hash = models.CharField("چکیده زنجیره", max_length=64)
    key_id = models.CharField("شناسه کلید", max_length=64)
    signature = models.CharField("امضا", max_length=100)
    at = models.DateTimeField("زمان امضا")

    class Meta:
        verbose_name = "امضای زنجیره ممیزی"
        verbose_name_plural = "امضاهای زنجیره ممیزی"

    def __str__(self) -> str:
        return f"امضای زنجیره تا رکورد {to_persian_digits(self.seq)}"


class UsedTokenId(models.Model):
    """A token id (`jti`, with the system that signed it) accepted once, remembered while a token
    with it could still be fresh: shared by every gateway process, so a replay to another is refused."""

    key = models.CharField(primary_key=True, max_length=200)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.key


class ExchangeState(models.Model):
    """One row, given a new token whenever systems, credentials, data services or grants change,
    so every gateway process reloads its in-memory registry."""

    token = models.CharField(max_length=32, default="")

    def __str__(self) -> str:
        return self.token
