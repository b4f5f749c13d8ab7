"""The exchange in the back office. Edits reach every gateway within a second (registry token);
the audit log is read-only here, as everywhere. Systems, data services, grants and audit rows
belong to agencies: a staff member sees and changes only their agency's (`AgencyScopedAdmin`).
A grant is decided, and revoked, only through its actions: its decision (state, decider, time) is
never a form's input. Times are shown in the solar calendar, numbers in Persian digits."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from panjereh.agencies.selectors import agency_choices
from panjereh.core.admin import HTTPS_URLS, AgencyScopedAdmin
from panjereh.exchange import services
from panjereh.exchange.constants import GrantStatus
from panjereh.exchange.models import (
    AgencySystem,
    AuditCheckpoint,
    AuditRecord,
    Consent,
    DataService,
    Grant,
    Purpose,
    SystemCredential,
)
from panjereh.persian import format_datetime, format_decimal

# Who decided a grant when the staff member has no full name on record: never their username.
OPERATOR = "راهبر پنجره ملی"
PROVIDER_ADMIN = "مدیر دستگاه"  # exchange.change_grant is the agency admin's alone (accounts' ROLE_PERMISSIONS)
# A grant's decision, shown on its page and written only by the actions (grant_decide, grant_revoke).
GRANT_DECISION = ("status", "starts", "decided_by", "decided")


def jalali(moment: datetime.datetime | None) -> str:
    return format_datetime(moment) if moment is not None else "—"


def decider_name(user: Any, grant: Grant) -> str:
    """The decider of a grant as both agencies' staff read it: the member's full name; else their role
    with the agency whose data it is (only its admins decide), or the platform's operator for a
    superuser. Never the login name."""
    full_name = str(user.get_full_name()).strip()
    if full_name:
        return full_name
    if user.is_superuser:
        return OPERATOR
    return f"{PROVIDER_ADMIN} {grant.data_service.provider.name}"


class RegistryAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Any change here changes who may call what: every gateway reloads its registry."""

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm[Any], change: bool) -> None:
        super().save_model(request, obj, form, change)
        services.registry_changed()

    def save_related(self, request: HttpRequest, form: ModelForm[Any], formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        services.registry_changed()

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)
        services.registry_changed()


class CredentialInline(admin.TabularInline):  # type: ignore[type-arg]
    model = SystemCredential
    extra = 0
    fields = ["key_id", "kind", "public_key", "created", "revoked_at"]
    # Keys are added through the services or the API, which check them; here they can only be
    # revoked. The shared secret is never shown again after it is created.
    readonly_fields = ["key_id", "kind", "public_key", "created"]

    @admin.display(description="زمان ایجاد")
    def created(self, obj: SystemCredential) -> str:
        return jalali(obj.created_at)

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AgencySystem)
class AgencySystemAdmin(AgencyScopedAdmin, RegistryAdmin):
    agency_paths = ("agency__code",)
    agency_choices = {"agency": "code"}
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "code", "agency", "base_url", "active"]
    list_filter = ["active"]
    search_fields = ["name", "code", "agency__name"]
    inlines = [CredentialInline]


@admin.register(Purpose)
class PurposeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


@admin.register(DataService)
class DataServiceAdmin(AgencyScopedAdmin, RegistryAdmin):
    agency_paths = ("provider__code", "system__agency__code")
    agency_change_paths = ("provider__code",)
    agency_choices = {"provider": "code", "system": "agency__code"}
    list_display = ["title", "provider", "code", "version", "requires_consent", "active"]
    list_filter = ["active", "requires_consent", "concerns_person"]
    search_fields = ["title", "code", "provider__name"]
    filter_horizontal = ["purposes"]


@admin.register(Grant)
class GrantAdmin(AgencyScopedAdmin, RegistryAdmin):
    """Both sides see a grant; the provider of the data decides it (any consumer may be named), with
    the actions only. A grant asked for is made as a request; once made, its consumer and data service
    stay (another pair is another request), and once decided so do its purposes."""

    agency_paths = ("consumer__agency__code", "data_service__provider__code")
    agency_change_paths = ("data_service__provider__code",)
    agency_choices = {"data_service": "provider__code"}
    list_display = ["consumer", "data_service", "status", "ends", "decided_by"]
    list_filter = ["status"]
    list_select_related = ["consumer", "data_service__provider"]
    filter_horizontal = ["purposes"]
    actions = ["approve", "reject", "revoke"]

    def get_fields(self, request: HttpRequest, obj: Grant | None = None) -> Any:
        until = "valid_until" if self.has_change_permission(request, obj) else "ends"
        return ["consumer", "data_service", "purposes", "reason", until, *GRANT_DECISION]

    def get_readonly_fields(self, request: HttpRequest, obj: Grant | None = None) -> list[str]:
        fixed = [] if obj is None else ["consumer", "data_service"]
        if obj is not None and obj.status != GrantStatus.REQUESTED:
            fixed.append("purposes")
        return [*fixed, "ends", *GRANT_DECISION]

    @admin.display(description="اعتبار از", ordering="valid_from")
    def starts(self, obj: Grant) -> str:
        return jalali(obj.valid_from)

    @admin.display(description="اعتبار تا", ordering="valid_until")
    def ends(self, obj: Grant) -> str:
        return jalali(obj.valid_until)

    @admin.display(description="زمان تصمیم", ordering="decided_at")
    def decided(self, obj: Grant) -> str:
        return jalali(obj.decided_at)

    def _decide(self, request: HttpRequest, grants: QuerySet[Grant], approve: bool) -> None:
        for grant in grants.filter(status=GrantStatus.REQUESTED).select_related("data_service__provider"):
            try:
                services.grant_decide(grant=grant, approve=approve, by=decider_name(request.user, grant))
            except ValidationError as error:
                self.message_user(request, error.messages[0], messages.ERROR)

    @admin.action(description="تأیید مجوزهای انتخاب‌شده")
    def approve(self, request: HttpRequest, grants: QuerySet[Grant]) -> None:
        self._decide(request, grants, approve=True)

    @admin.action(description="رد مجوزهای انتخاب‌شده")
    def reject(self, request: HttpRequest, grants: QuerySet[Grant]) -> None:
        self._decide(request, grants, approve=False)

    @admin.action(description="لغو مجوزهای انتخاب‌شده")
    def revoke(self, request: HttpRequest, grants: QuerySet[Grant]) -> None:
        for grant in grants.exclude(status=GrantStatus.REVOKED).select_related("data_service__provider"):
            services.grant_revoke(grant=grant, by=decider_name(request.user, grant))


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["subject", "consumer_agency", "data_service", "purpose", "given", "revoked"]
    search_fields = ["subject"]

    @admin.display(description="زمان رضایت", ordering="given_at")
    def given(self, obj: Consent) -> str:
        return jalali(obj.given_at)

    @admin.display(description="زمان پس‌گرفتن", ordering="revoked_at")
    def revoked(self, obj: Consent) -> str:
        return jalali(obj.revoked_at)


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ProviderFilter(admin.SimpleListFilter):
    """The providers of the rows the member may see, by their agencies' names (the log keeps codes)."""

    title = "دستگاه ارائه‌دهنده"
    parameter_name = "provider"

    def lookups(self, request: HttpRequest, model_admin: Any) -> list[tuple[str, str]]:
        codes = model_admin.get_queryset(request).order_by().values_list("provider", flat=True).distinct()
        names = dict(agency_choices())
        return sorted(((code, names.get(code, code)) for code in codes), key=lambda choice: choice[1])

    def queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        return queryset.filter(provider=self.value()) if self.value() else queryset


@admin.register(AuditRecord)
class AuditRecordAdmin(AgencyScopedAdmin, ReadOnlyAdmin):
    agency_paths = ("consumer_agency", "provider")  # codes: the log outlives what it names
    list_display = ["seq", "when", "consumer", "provider", "data_service", "purpose", "outcome", "status", "latency"]
    list_filter = ["outcome", ProviderFilter]
    search_fields = ["=subject", "=seq", "consumer", "application"]
    show_full_result_count = False
    fields = ["seq", "when", "outcome", "status", "latency", "consumer", "consumer_agency", "provider",
              "data_service", "purpose", "subject", "application", "jti", "request_hash", "response_hash",
              "prev_hash", "hash"]  # fmt: skip
    readonly_fields = ["when", "latency"]

    @admin.display(description="زمان", ordering="at")
    def when(self, obj: AuditRecord) -> str:
        return jalali(obj.at)

    @admin.display(description="زمان پاسخ", ordering="latency_ms")
    def latency(self, obj: AuditRecord) -> str:
        return f"{format_decimal(obj.latency_ms, 1)} میلی‌ثانیه"


@admin.register(AuditCheckpoint)
class AuditCheckpointAdmin(ReadOnlyAdmin):
    list_display = ["seq", "when", "key_id"]
    fields = ["seq", "when", "key_id", "hash", "signature"]
    readonly_fields = ["when"]

    @admin.display(description="زمان امضا", ordering="at")
    def when(self, obj: AuditCheckpoint) -> str:
        return jalali(obj.at)
