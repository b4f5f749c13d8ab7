from __future__ import annotations

from django.contrib import admin

from panjereh.accounts.models import AgencyWindowClient


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
