"""Accounts' own models in the back office: staff members and the agency windows registered for SSO.

The agency scoping of the other apps' admins is not here: it is `panjereh.core.admin.AgencyScopedAdmin`,
mixed into each app's own admin, which asks accounts' selectors through the hook `AccountsConfig.ready`
registers (see docs/staff.md).
"""

from __future__ import annotations

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from panjereh.accounts import services
from panjereh.accounts.models import AgencyWindowClient, StaffMember


@admin.register(StaffMember)
class StaffMemberAdmin(admin.ModelAdmin[StaffMember]):
    """Who works in the back office. New members come from `panjereh staff add`, which also makes
    their password and TOTP device; here a superuser changes a member's role or agency."""

    list_display = ["user", "role", "agency", "created_at"]
    list_filter = ["role"]
    search_fields = ["user__username", "agency__name", "agency__code"]
    autocomplete_fields = ["agency"]
    readonly_fields = ["user", "created_at", "updated_at"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def save_model(self, request: HttpRequest, obj: StaffMember, form: ModelForm[StaffMember], change: bool) -> None:
        super().save_model(request, obj, form, change)
        services.staff_groups_sync(obj)


@admin.register(AgencyWindowClient)
class AgencyWindowClientAdmin(admin.ModelAdmin[AgencyWindowClient]):
    """Registered agency windows. New ones come from `panjereh oidc register-client` (which prints the
    secret once); the OAuth side (redirect URIs, secret hash) is DOT's «Applications» page."""

    list_display = ["window_name", "agency", "client_id", "redirect_uris", "created_at"]
    list_select_related = ["application", "agency"]
    search_fields = ["application__name", "application__client_id", "agency__name", "agency__code"]
    readonly_fields = ["application", "agency", "created_at", "updated_at"]

    @admin.display(description="نام پنجره")
    def window_name(self, obj: AgencyWindowClient) -> str:
        return str(obj.application.name)

    @admin.display(description="شناسه کارخواه")
    def client_id(self, obj: AgencyWindowClient) -> str:
        return str(obj.application.client_id)

    @admin.display(description="نشانی‌های بازگشت")
    def redirect_uris(self, obj: AgencyWindowClient) -> str:
        return str(obj.application.redirect_uris)

    def has_add_permission(self, request: object) -> bool:
        return False  # the secret must be shown once to whoever registers: use the command
