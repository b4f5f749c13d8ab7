"""The one settings module. Every value comes from the environment, with embedded defaults
that need no variable at all (a laptop with SQLite). See `.env.example` for the variables."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Any

import dj_database_url
import django_stubs_ext
from django.core.exceptions import ImproperlyConfigured

from panjereh.infra.files import private_var_dir

# Lets admin.ModelAdmin[Model] and other generic Django classes be subscripted at run time.
django_stubs_ext.monkeypatch()

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PANJEREH_VAR_DIR", BASE_DIR / "var"))
# Databases, keys and outboxes under var/ are the service user's alone: files 0600 in folders 0700.
private_var_dir(VAR_DIR)


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# A development key is generated per checkout and kept out of the repository (var/ is ignored).
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    from panjereh.core.secrets import local_secret_key

    SECRET_KEY = local_secret_key(VAR_DIR)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "ninja",
    "panjereh.core",
    "panjereh.agencies",
    "panjereh.notifications",
    "panjereh.help",
    "panjereh.accounts",
    # The admin site is the staff's: password plus a TOTP code (panjereh.accounts.admin_site); listed
    # after accounts, whose admin/base_site.html it uses.
    "panjereh.accounts.admin_apps.StaffAdminConfig",
    "panjereh.catalog",
    "panjereh.exchange",
    "panjereh.payments",
    "panjereh.appointments",
    "panjereh.applications",
    "panjereh.evaluation",
    "django_tasks",
    "django_tasks_db",
    "panjereh.portal",  # before oauth2_provider: its templates override the consent screen
    "oauth2_provider",
    "panjereh.ops",
]

MIDDLEWARE = [
    "panjereh.core.metrics.RequestMetrics",  # outermost: the whole time of every answer, by URL pattern
    "panjereh.core.request_id.RequestId",  # X-Request-ID: on every log line of the request and its tasks
    "panjereh.core.api_envelope.OversizeRequest",  # 414 and 431 before anything reads the request
    "panjereh.core.client_address.ClientAddress",  # first: everything after it sees the client's address
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "panjereh.core.null_characters.NullCharacters",  # a NUL anywhere in the request: refused at the door
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "panjereh.core.public_limits.PublicRateLimit",  # search, verification, catalog: per address
    # no-store on every answer to a logged-in caller, the 405 envelope's included (hence outside it)
    "panjereh.core.private_answers.PrivateAnswers",
    "panjereh.core.api_envelope.MethodNotAllowedEnvelope",
    "panjereh.accounts.sessions.AbsoluteSessionTimeout",
    "django_otp.middleware.OTPMiddleware",  # after the session may have ended: request.user is final
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "panjereh.urls"
WSGI_APPLICATION = "panjereh.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "panjereh.portal.context.site",
            ],
            "builtins": ["panjereh.core.templatetags.persian"],
        },
    },
]

# SQLite file under var/ by default; DATABASE_URL switches to PostgreSQL.
DEFAULT_SQLITE = VAR_DIR / "panjereh.sqlite3"
SQLITE_ENGINE = "django.db.backends.sqlite3"
# Large sorts (an evaluation round groups millions of audit records) spill to an unlinked temporary file
# and use a second thread: SQLite's in-memory temp store sorts them far more slowly
# (docs/benchmarks.md); small sorts stay in memory either way.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000; PRAGMA threads=2;",
    "transaction_mode": "IMMEDIATE",
}


def database_from_url(url: str) -> dict[str, Any]:
    config = dict(dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60), conn_health_checks=True))
    if config["ENGINE"] == SQLITE_ENGINE:
        config["OPTIONS"] = dict(SQLITE_OPTIONS)
    return config


def audit_database(main: dict[str, Any], url: str = "") -> dict[str, Any]:
    """The exchange's audit log's database (panjereh.exchange.audit.router): `url` if given; else,
    beside a SQLite file, a file of its own (`panjereh.sqlite3` → `panjereh-audit.sqlite3`); else
    (PostgreSQL, a SQLite database in memory) the main database itself, on a connection of its own."""
    if url:
        return database_from_url(url)
    name = str(main.get("NAME", ""))
    if main["ENGINE"] == SQLITE_ENGINE and name not in ("", ":memory:") and "mode=memory" not in name:
        path = Path(name)
        return {**main, "NAME": str(path.with_name(f"{path.stem}-audit{path.suffix}")), "OPTIONS": dict(SQLITE_OPTIONS)}
    return dict(main)


def same_database(one: dict[str, Any], other: dict[str, Any]) -> bool:
    return all(one.get(key) == other.get(key) for key in ("ENGINE", "NAME", "HOST", "PORT"))


DATABASES = {"default": database_from_url(os.environ.get("DATABASE_URL", f"sqlite:///{DEFAULT_SQLITE}"))}
# The exchange's hash-chained audit log lives under the alias `audit` (panjereh.exchange.audit.router):
# its writer, the gateway, commits every batch durably, and in a database of its own that wait for the
# disk holds back none of the main database's writers. AUDIT_DATABASE_URL puts it anywhere; by default
# it is a second SQLite file beside the main one, or, on PostgreSQL, the same database on a connection
# of its own. Where both aliases name one database the router lets either migrate all of it, and the
# tests use one test database for both (TEST MIRROR, Django's way of saying "the same database").
DATABASES["audit"] = audit_database(DATABASES["default"], os.environ.get("AUDIT_DATABASE_URL", ""))
AUDIT_DATABASE_SHARED = same_database(DATABASES["default"], DATABASES["audit"])
if AUDIT_DATABASE_SHARED:
    DATABASES["audit"] = {**DATABASES["default"], "TEST": {"MIRROR": "default"}}
# SQLite's writers wait their turn in the kernel, not in SQLite's busy handler (docs/decisions/0002);
# SQLITE_WRITER_QUEUE=0 keeps Django's own engine. The busiest path's one-row statements
# (docs/decisions/0001); ONE_ROW_SQL=0 leaves them to the ORM.
SQLITE_WRITER_QUEUE = env_bool("SQLITE_WRITER_QUEUE", True)
ONE_ROW_SQL = env_bool("ONE_ROW_SQL", True)
if DATABASES["default"]["ENGINE"] == SQLITE_ENGINE and SQLITE_WRITER_QUEUE:
    # Its writers queue in the kernel: see its module. An audit file of its own keeps Django's engine:
    # the gateway is its one writer, so there is no queue to keep.
    DATABASES["default"]["ENGINE"] = "panjereh.infra.sqlite"
    # Tests: in memory, as Django's own engine would be (said outright, so pytest-xdist gives each of
    # its workers a database of its own instead of naming a file after this one).
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
    if AUDIT_DATABASE_SHARED:
        DATABASES["audit"]["ENGINE"] = "panjereh.infra.sqlite"
# Read replicas, when the deployment has them (streaming replication of the main database and of the
# audit log's): the evaluation's measurements and the public statistics read there
# (panjereh/core/replica.py). Tests see each as the database it copies.
for alias, primary, variable in (("replica", "default", "DATABASE_REPLICA_URL"),
                                 ("audit_replica", "audit", "AUDIT_DATABASE_REPLICA_URL")):  # fmt: skip
    if os.environ.get(variable):
        DATABASES[alias] = {**database_from_url(os.environ[variable]), "TEST": {"MIRROR": primary}}
DATABASE_ROUTERS = ["panjereh.ops.replica_router.ReplicaRouter", "panjereh.exchange.audit.router.AuditRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "")
# /metrics answers only with `Authorization: Bearer <METRICS_TOKEN>`; unset, it is not there (404).
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
if REDIS_URL:
    # A Redis that does not answer is a cache miss, not an error page: the portal keeps serving with
    # its limits uncounted, which core/ratelimit.py says in the log (docs/operations.md, Faults).
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5, "IGNORE_EXCEPTIONS": True},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "fa"
LANGUAGES = [("fa", "فارسی")]
TIME_ZONE = "Asia/Tehran"
USE_I18N = True
USE_TZ = True  # stored in UTC, shown in Jalali, Asia/Tehran
LOCALE_PATHS = [BASE_DIR / "panjereh" / "locale"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    # Files under var/ are the owner's only (0600 in 0700 folders, panjereh/infra/files.py), static ones too.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"file_permissions_mode": 0o600, "directory_permissions_mode": 0o700},
    },
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
        "OPTIONS": {"file_permissions_mode": 0o600, "directory_permissions_mode": 0o700},
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Security: secure by default; SECURE_COOKIES=0 only for plain-HTTP local runs (make run sets it).
SECURE_COOKIES = env_bool("SECURE_COOKIES", not DEBUG)
SESSION_COOKIE_SECURE = SECURE_COOKIES
CSRF_COOKIE_SECURE = SECURE_COOKIES
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Production runs behind a TLS-terminating proxy (BEHIND_PROXY=1, deploy/): its X-Forwarded-Proto is
# believed, plain HTTP is redirected, and single sign-on clients must use https redirect URIs.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", BEHIND_PROXY)
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$", r"^metrics$"]  # probes and Prometheus, inside the network
# A year of HTTPS-only once served over HTTPS (Django sends it only on secure requests), for the
# window's subdomains too; preload only takes effect once the domain is submitted to the browsers' list.
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 365 * 24 * 3600)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
CSRF_FAILURE_VIEW = "panjereh.core.views.csrf_failure"  # in Persian
DATA_UPLOAD_MAX_MEMORY_SIZE = 1024 * 1024

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

NINJA_PAGINATION_PER_PAGE = 20

# The information exchange. EXCHANGE_URL is where the platform's own inquiries go: the same gateway
# every agency uses. EXCHANGE_AUDIT: durable (default) | chained (no flush per commit).
EXCHANGE_URL = os.environ.get("EXCHANGE_URL", f"http://127.0.0.1:{os.environ.get('PORT', '8000')}")
EXCHANGE_AUDIT = os.environ.get("EXCHANGE_AUDIT", "durable")
AUDIT_CHECKPOINT_EVERY = int(os.environ.get("AUDIT_CHECKPOINT_EVERY", "1000"))
# The heads of the audit log the worker has seen, outside the database (exchange/audit/witness.py).
AUDIT_WITNESS_FILE = Path(os.environ.get("AUDIT_WITNESS_FILE", "") or VAR_DIR / "audit-witness.jsonl")
SANDBOX_URL = os.environ.get("SANDBOX_URL", f"http://127.0.0.1:{os.environ.get('SANDBOX_PORT', '8100')}")

# Applications. Processing, forwarding and notifications run in the task worker (`panjereh worker`),
# fed by task rows written in the same transaction as the change that needs them: a transactional outbox.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
WORKER_INTERVAL_SECONDS = float(os.environ.get("WORKER_INTERVAL_SECONDS", "0.01"))
# An application or delivery untouched this long while in the worker's hands lost its worker: a worker
# queues it again at its start and every half minute (processing is safe to repeat).
WORK_STALE_SECONDS = env_int("WORK_STALE_SECONDS", 60)
INQUIRIES_IN_PARALLEL = os.environ.get("INQUIRIES_IN_PARALLEL", "1") == "1"  # an application's inquiries at once
APPLICATION_MAX_BYTES = env_int("APPLICATION_MAX_BYTES", 64 * 1024)  # a form's JSON body
FORWARD_MAX_TRIES = env_int("FORWARD_MAX_TRIES", 6)  # deliveries to an agency system, then dead-lettered
FORWARD_BACKOFF_SECONDS = float(os.environ.get("FORWARD_BACKOFF_SECONDS", "2"))  # doubles with each try
# Signing keys of issued documents live in var/keys/documents/ (private) and the DocumentKey table (public).
PUBLIC_ORIGIN = os.environ.get("PUBLIC_ORIGIN", "")  # put in documents' QR codes; default: the request's origin

# Payments: the bank gateway fees are paid through (panjereh.payments.gateways): sandbox | zarinpal | zibal.
PAYMENT_GATEWAY = os.environ.get("PAYMENT_GATEWAY", "sandbox")
# The merchant's terminal at the gateway; the default is the sandbox bank's, which is no secret.
PAYMENT_MERCHANT_ID = os.environ.get("PAYMENT_MERCHANT_ID", "00000000-0000-4000-8000-000000000000")
PAYMENT_GATEWAY_SANDBOX = env_bool("PAYMENT_GATEWAY_SANDBOX", False)  # the provider's own test environment
SANDBOX_BANK_URL = os.environ.get("SANDBOX_BANK_URL", f"{SANDBOX_URL}/bank/")

# Identity: one-time-code login, SMS and sessions.
SMS_BACKEND = os.environ.get("SMS_BACKEND", "console")  # console | file | kavenegar
SMS_OUTBOX = os.environ.get("SMS_OUTBOX", "")  # the file backend's JSON Lines; default var/sms/outbox.jsonl
KAVENEGAR_API_KEY = os.environ.get("KAVENEGAR_API_KEY", "")
KAVENEGAR_SENDER = os.environ.get("KAVENEGAR_SENDER", "")
KAVENEGAR_URL = os.environ.get("KAVENEGAR_URL", "https://api.kavenegar.com")
# The host named in the SMS's WebOTP line (`@host #code`), so a phone's browser can fill the code in.
WEBOTP_HOST = os.environ.get("WEBOTP_HOST", "localhost")
OTP_TTL_SECONDS = env_int("OTP_TTL_SECONDS", 120)
OTP_MAX_TRIES = 5
OTP_RESEND_SECONDS = env_int("OTP_RESEND_SECONDS", 60)  # the least wait before another code to a mobile
OTP_RATE_PER_MOBILE = os.environ.get("OTP_RATE_PER_MOBILE", "5/h")  # codes sent to one mobile
OTP_RATE_PER_IP = os.environ.get("OTP_RATE_PER_IP", "30/h")  # codes asked for from one address
OTP_RATE_PER_NATIONAL_CODE = os.environ.get("OTP_RATE_PER_NATIONAL_CODE", "5/h")  # codes sent for one person
# A browser the person logged in with before counts its codes here instead (accounts/devices.py).
OTP_RATE_PER_DEVICE = os.environ.get("OTP_RATE_PER_DEVICE", "5/h")
OTP_REFUSED_PER_IP = os.environ.get("OTP_REFUSED_PER_IP", "10/h")  # refused ownership checks from one address
# Past either per-address allowance a request needs a solved ALTCHA challenge (a crowd behind one
# carrier address is not refused); with proofs one address may still ask this many.
OTP_RATE_PER_IP_PROVEN = os.environ.get("OTP_RATE_PER_IP_PROVEN", "2000/h")
ALTCHA_COST = env_int("ALTCHA_COST", 10_000)  # PBKDF2 iterations per derived key (about 256 keys a proof)
# Reverse proxies whose X-Forwarded-For is believed (addresses or networks, comma-separated); none by default.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", [])
for _proxy in TRUSTED_PROXIES:  # a typo must stop the start, not every request
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as _error:
        raise ImproperlyConfigured(f"TRUSTED_PROXIES: {_proxy!r} is not an address or a network") from _error
# What anyone may call without logging in, limited per address (panjereh/core/public_limits.py); "" is off.
PUBLIC_RATE_PER_IP = os.environ.get("PUBLIC_RATE_PER_IP", "600/m")
# Path prefixes, but "/" is the home page alone (as a prefix it would be every path).
PUBLIC_RATE_LIMITED_PATHS = ["/", "/services/", "/verify/", "/agencies/", "/life-events/", "/help/", "/contact/",
                             "/privacy/", "/terms/", "/accessibility/", "/o/.well-known/", "/api/v1/services",
                             "/api/v1/agencies", "/api/v1/offices/", "/api/v1/documents/", "/api/v1/audit/",
                             "/api/v1/auth/challenge", "/evaluation/", "/statistics/", "/api/v1/evaluation/",
                             "/api/v1/statistics", "/feedback/", "/track/"]  # fmt: skip
# Sessions: a new key at login; the idle timeout renews on each request, the absolute one does not.
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_SECONDS", 15 * 60)
SESSION_ABSOLUTE_SECONDS = env_int("SESSION_ABSOLUTE_SECONDS", 12 * 3600)
SESSION_COOKIE_AGE = SESSION_IDLE_SECONDS
SESSION_SAVE_EVERY_REQUEST = True
API_TOKEN_SECONDS = env_int("API_TOKEN_SECONDS", 15 * 60)  # bearer tokens for API clients
ADMIN_LOGIN_RATE = os.environ.get("ADMIN_LOGIN_RATE", "10/15m")  # admin sign-in tries per account and address
ADMIN_LOGIN_RATE_PER_IP = os.environ.get("ADMIN_LOGIN_RATE_PER_IP", "50/15m")
LOGIN_URL = "portal:login"
# Staff: the admin asks for a password and a TOTP code; the name authenticator apps show.
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Panjereh")

# Single sign-on: the national window is an OpenID Connect provider for agency windows
# (django-oauth-toolkit, under /o/; docs/single-sign-on.md). ID tokens are signed RS256 with the key in
# var/keys/oidc-rsa.pem (made on first use) unless OIDC_RSA_PRIVATE_KEY holds a PEM; `sub` is a pairwise
# hash per agency keyed by var/keys/oidc-subject.key (or OIDC_SUBJECT_KEY), never the national code.
OIDC_RSA_PRIVATE_KEY = os.environ.get("OIDC_RSA_PRIVATE_KEY", "")
if not OIDC_RSA_PRIVATE_KEY:
    from panjereh.core.keyfiles import rsa_key_file

    OIDC_RSA_PRIVATE_KEY = rsa_key_file(VAR_DIR / "keys" / "oidc-rsa.pem")
OIDC_SUBJECT_KEY = os.environ.get("OIDC_SUBJECT_KEY", "")
OAUTH2_PROVIDER_APPLICATION_MODEL = "oauth2_provider.Application"  # named, as the migrations refer to it
OIDC_REFRESH_TOKEN_SECONDS = 3600
OAUTH2_PROVIDER = {
    "OIDC_ENABLED": True,
    "OIDC_RSA_PRIVATE_KEY": OIDC_RSA_PRIVATE_KEY,
    "OIDC_ISS_ENDPOINT": os.environ.get("OIDC_ISSUER", ""),  # default: this origin + /o, from the request
    "OAUTH2_VALIDATOR_CLASS": "panjereh.accounts.oidc.NationalWindowValidator",
    "SCOPES": {
        "openid": "شناسه‌ای که این پنجره با آن شما را دوباره می‌شناسد (کد ملی نیست)",
        "profile": "نام و نام خانوادگی، تاریخ تولد و جنسیت",
        "national_code": "کد ملی",
    },
    "DEFAULT_SCOPES": ["openid"],
    "PKCE_REQUIRED": True,
    "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
    "ACCESS_TOKEN_EXPIRE_SECONDS": 300,
    "ID_TOKEN_EXPIRE_SECONDS": 300,
    "REFRESH_TOKEN_EXPIRE_SECONDS": OIDC_REFRESH_TOKEN_SECONDS,
    "REFRESH_TOKEN_REUSE_PROTECTION": True,
    "REQUEST_APPROVAL_PROMPT": "force",  # the person says yes every time a window asks
    # http only for loopback redirect URIs (the registration service refuses anything else,
    # accounts.services), and only where the window itself is not served over https.
    "ALLOWED_REDIRECT_URI_SCHEMES": ["https"] if SECURE_SSL_REDIRECT else ["https", "http"],
    "OIDC_RESPONSE_TYPES_SUPPORTED": ["code"],
    "OIDC_SUBJECT_TYPES_SUPPORTED": ["pairwise"],
    "OAUTH2_RESPONSE_TYPES_SUPPORTED": ["code"],
    "OAUTH2_GRANT_TYPES_SUPPORTED": ["authorization_code", "refresh_token"],
    "COMPLIANT_BCP_RFC9700_IMPLICIT_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PASSWORD_GRANT": True,
    "COMPLIANT_BCP_RFC9700_PKCE_METHOD": True,  # S256 only
    "COMPLIANT_BCP_RFC9700_ACCESS_TOKEN_TRANSPORT": True,
    "COMPLIANT_BCP_RFC9700_AUTHZ_RESPONSE_ISS": True,  # RFC 9207: `iss` on the redirect back
    "COMPLIANT_BCP_RFC9700_REFRESH_TOKEN": True,
    "COMPLIANT_BCP_RFC9700_PKCE_REQUIRED": True,
    "COMPLIANT_BCP_RFC9700_TOKEN_STORAGE": True,  # access and refresh tokens kept as SHA-256 only
}

# text: the message alone, for a terminal (`make run`); json: one JSON object a line on standard error,
# for a log collector (production). Fields: docs/operations.md, «Logs».
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text").strip().lower()
if LOG_FORMAT not in {"text", "json"}:
    raise ImproperlyConfigured("LOG_FORMAT must be text or json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "panjereh.core.request_id.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(message)s"},
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": ["levelname", "name", "message", "request_id"],
            "rename_fields": {"levelname": "level", "name": "logger", "exc_info": "exception"},
            "timestamp": "time",  # ISO 8601 in UTC, from the record's own time
            "json_ensure_ascii": False,  # Persian stays readable
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]},
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # httpx logs every request's full URL at INFO, and Kavenegar's URL carries its API key.
        "httpx": {"level": "WARNING"},
    },
}
