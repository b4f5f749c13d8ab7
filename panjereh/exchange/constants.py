from django.db import models


class CredentialKind(models.TextChoices):
    EDDSA = "EdDSA", "کلید عمومی Ed25519"
    HS256 = "HS256", "کلید مشترک HS256"


class GrantStatus(models.TextChoices):
    REQUESTED = "requested", "درخواست شده"
    APPROVED = "approved", "تأیید شده"
    REJECTED = "rejected", "رد شده"
    REVOKED = "revoked", "لغو شده"


class Outcome(models.TextChoices):
    """How an exchange call ended; every one of them is audited."""

    OK = "ok", "پاسخ داده شد"
    INVALID_TOKEN = "invalid_token", "توکن نامعتبر"
    NO_GRANT = "no_grant", "بدون مجوز دسترسی"
    PURPOSE_NOT_ALLOWED = "purpose_not_allowed", "هدف مجاز نیست"
    NO_CONSENT = "no_consent", "بدون رضایت فرد"
    INVALID_REQUEST = "invalid_request", "درخواست نامعتبر"
    PAYLOAD_TOO_LARGE = "payload_too_large", "حجم بیش از حد"
    URI_TOO_LONG = "uri_too_long", "نشانی بیش از حد طولانی"
    HEADERS_TOO_LARGE = "headers_too_large", "سرآیندهای بیش از حد بزرگ"
    NOT_FOUND = "not_found", "خدمت داده پیدا نشد"
    METHOD_NOT_ALLOWED = "method_not_allowed", "روش نادرست"
    AUDIT_UNAVAILABLE = "audit_unavailable", "ثبت ممیزی ممکن نشد"
    UNAVAILABLE = "unavailable", "درگاه در دسترس نیست"
    INTERNAL_ERROR = "internal_error", "خطای درگاه"
    PROVIDER_ERROR = "provider_error", "خطای دستگاه ارائه‌دهنده"
    PROVIDER_TIMEOUT = "provider_timeout", "پایان مهلت پاسخ ارائه‌دهنده"
    PROVIDER_UNAVAILABLE = "provider_unavailable", "ارائه‌دهنده در دسترس نیست"
    INVALID_RESPONSE = "invalid_response", "پاسخ نامعتبر ارائه‌دهنده"


# A token's iat may differ from the gateway's clock by at most this many seconds.
TOKEN_MAX_AGE_SECONDS = 30
# How long an accepted token id is remembered: as long as a token with it could still be fresh
# (iat may be up to TOKEN_MAX_AGE_SECONDS either side of now), and a little more.
TOKEN_ID_REMEMBER_SECONDS = 2 * TOKEN_MAX_AGE_SECONDS + 5
MAX_BODY_BYTES = 1024 * 1024
GENESIS_HASH = "0" * 64
