"""The exchange in the back office. Edits reach every gateway within a second (registry token);
the audit log is read-only here, as everywhere. Systems, data services, grants and audit rows
belong to agencies: a staff member sees and changes only their agency's (`AgencyScopedAdmin`)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

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
    fields = ["key_id", "kind", "public_key", "created_at", "revoked_at"]
    # Keys are added through the services or the API, which check them; here they can only be
    # revoked. The shared secret is never shown again after it is created.
    readonly_fields = ["key_id", "kind", "public_key", "created_at"]

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
    """Both sides see a grant; the provider of the data decides it (any consumer may be named)."""

    agency_paths = ("consumer__agency__code", "data_service__provider__code")
    agency_change_paths = ("data_service__provider__code",)
    agency_choices = {"data_service": "provider__code"}
    list_display = ["consumer", "data_service", "status", "valid_until", "decided_by"]
    list_filter = ["status"]
    filter_horizontal = ["purposes"]
    actions = ["approve", "reject", "revoke"]

    def _decide(self, request: HttpRequest, grants: QuerySet[Grant], approve: bool) -> None:
        for grant in grants.filter(status=GrantStatus.REQUESTED):
            try:
                services.grant_decide(grant=grant, approve=approve, by=request.user.get_username())
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
        for grant in grants.exclude(status=GrantStatus.REVOKED):
            services.grant_revoke(grant=grant, by=request.user.get_username())


@admin.register(Consent)
class ConsentAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ["subject", "consumer_agency", "data_service", "purpose", "given_at", "revoked_at"]
    search_fields = ["subject"]


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(AuditRecord)
class AuditRecordAdmin(AgencyScopedAdmin, ReadOnlyAdmin):
    agency_paths = ("consumer_agency", "provider")  # codes: the log outlives what it names
    list_display = ["seq", "at", "consumer", "provider", "data_service", "purpose", "outcome", "status", "latency_ms"]
    list_filter = ["outcome", "provider"]
    search_fields = ["=subject", "=seq", "consumer", "application"]
    show_full_result_count = False


@admin.register(AuditCheckpoint)
class AuditCheckpointAdmin(ReadOnlyAdmin):
    list_display = ["seq", "at", "key_id"]
