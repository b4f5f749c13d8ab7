"""The back office as staff see it: every row that belongs to an agency is scoped to the member's.

Why the scoping is applied here, by re-registering, and not in each app's admin: the admins of
agencies, catalog and exchange sit below accounts and may not import it (import-linter's layers),
while accounts may import theirs. So each of those admin classes is registered again as a subclass
with `AgencyScopedAdmin` mixed in, which asks `selectors.staff_agency_codes` whose rows to show.
The lower apps keep no hook, no setting and no knowledge of staff at all.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.db.models import Model, Q, QuerySet
from django.forms import ModelForm
from django.http import Http404, HttpRequest, HttpResponse

from panjereh.accounts import services
from panjereh.accounts.models import AgencyWindowClient, StaffMember
from panjereh.accounts.selectors import staff_agency_codes, staff_read_only
from panjereh.agencies.models import Agency
from panjereh.catalog import admin as catalog_admin
from panjereh.catalog.models import Service
from panjereh.exchange import admin as exchange_admin
from panjereh.exchange.models import AgencySystem, AuditRecord, DataService, Grant


def scope(queryset: QuerySet[Any], codes: set[str] | None, paths: tuple[str, ...]) -> QuerySet[Any]:
    """The rows whose agency code, reached through any of `paths`, is one of `codes` (None: all)."""
    if codes is None:
        return queryset
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{f"{path}__in": codes})
    return queryset.filter(query)


class AgencyScopedAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """An admin whose rows belong to agencies.

    `agency_paths`: lookups from the model to an agency's code; a member sees a row when any of them
    is their agency's. `agency_change_paths` (default: the same): the rows they may also change,
    delete or act on. `agency_choices`: foreign key name → lookup from the related model to an
    agency code, so that forms offer only the member's agency's objects.
    Superusers see everything; supervisors see everything and change nothing."""

    agency_paths: tuple[str, ...] = ()
    agency_change_paths: tuple[str, ...] | None = None
    agency_choices: dict[str, str] = {}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return scope(super().get_queryset(request), staff_agency_codes(request.user), self.agency_paths)

    def changeable(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        if staff_read_only(request.user):
            return queryset.none()
        paths = self.agency_paths if self.agency_change_paths is None else self.agency_change_paths
        return scope(queryset, staff_agency_codes(request.user), paths)

    def _may_change(self, request: HttpRequest, obj: Any) -> bool:
        if staff_read_only(request.user):
            return False
        if obj is None or staff_agency_codes(request.user) is None:
            return True
        return self.changeable(request, self.model._default_manager.filter(pk=obj.pk)).exists()

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return super().has_add_permission(request, *args) and not staff_read_only(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and self._may_change(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and self._may_change(request, obj)

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        found = super().get_object(request, object_id, from_field)
        if found is None and staff_agency_codes(request.user) is not None:
            raise Http404("این مورد نیست یا به دستگاه شما مربوط نیست.")
        return found

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        lookup = self.agency_choices.get(db_field.name)
        codes = staff_agency_codes(request.user)
        if lookup is not None and codes is not None:
            kwargs["queryset"] = db_field.remote_field.model._default_manager.filter(**{f"{lookup}__in": codes})
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        if self.has_change_permission(request):
            return actions
        # Actions that declare no permission (grant decisions, …) change rows: not for readers.
        return {name: action for name, action in actions.items() if action and _declares_permissions(action[0])}

    def response_action(self, request: HttpRequest, queryset: QuerySet[Any], *args: Any) -> HttpResponse | None:
        # An action touches only the selected rows the member may change.
        return super().response_action(request, self.changeable(request, queryset), *args)


def _declares_permissions(action: Callable[..., Any]) -> bool:
    return bool(getattr(action, "allowed_permissions", None))


def reregister(model: type[Model]) -> Callable[[type[admin.ModelAdmin[Any]]], type[admin.ModelAdmin[Any]]]:
    def wrap(admin_class: type[admin.ModelAdmin[Any]]) -> type[admin.ModelAdmin[Any]]:
        if admin.site.is_registered(model):
            admin.site.unregister(model)
        admin.site.register(model, admin_class)
        return admin_class

    return wrap


@reregister(Agency)
class ScopedAgencyAdmin(AgencyScopedAdmin, catalog_admin.AgencyAdmin):
    agency_paths = ("code",)


@reregister(Service)
class ScopedServiceAdmin(AgencyScopedAdmin, catalog_admin.ServiceAdmin):
    agency_paths = ("agency__code",)
    agency_choices = {"agency": "code"}


@reregister(AgencySystem)
class ScopedAgencySystemAdmin(AgencyScopedAdmin, exchange_admin.AgencySystemAdmin):
    agency_paths = ("agency__code",)
    agency_choices = {"agency": "code"}


@reregister(DataService)
class ScopedDataServiceAdmin(AgencyScopedAdmin, exchange_admin.DataServiceAdmin):
    agency_paths = ("provider__code", "system__agency__code")
    agency_change_paths = ("provider__code",)
    agency_choices = {"provider": "code", "system": "agency__code"}


@reregister(Grant)
class ScopedGrantAdmin(AgencyScopedAdmin, exchange_admin.GrantAdmin):
    """Both sides see a grant; the provider of the data decides it (any consumer may be named)."""

    agency_paths = ("consumer__agency__code", "data_service__provider__code")
    agency_change_paths = ("data_service__provider__code",)
    agency_choices = {"data_service": "provider__code"}


@reregister(AuditRecord)
class ScopedAuditRecordAdmin(AgencyScopedAdmin, exchange_admin.AuditRecordAdmin):
    agency_paths = ("consumer_agency", "provider")  # codes: the log outlives what it names


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
