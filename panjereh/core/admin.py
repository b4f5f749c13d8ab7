"""Admin helpers shared by the apps, and the scoping of the back office to the staff member's agency.

Every app declares the admin of its own models in its own `admin.py`; a model whose rows belong to
agencies mixes in `AgencyScopedAdmin` and names its lookups to an agency code. Who a staff member is
(their agency, their role) is accounts' to say, and accounts sits above most apps, so this module
does not ask it directly: accounts registers its answers once at start-up (`staff_scope_register`,
called in `AccountsConfig.ready()`), and the mixin asks through them. Until that is done, a scoped
page refuses to answer rather than show every agency's rows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse

# Web addresses typed without a scheme are taken as https (Django 6's default, chosen now).
HTTPS_URLS: dict[type[models.Field[Any, Any]], dict[str, Any]] = {models.URLField: {"assume_scheme": "https"}}


@dataclass(frozen=True)
class StaffScope:
    """How the back office learns what a user may see and do.

    `agency_codes(user)`: the codes of the agencies whose rows the user may see; None means all.
    `read_only(user)`: true for those who see and change nothing."""

    agency_codes: Callable[[Any], set[str] | None]
    read_only: Callable[[Any], bool]


_scope: StaffScope | None = None


def staff_scope_register(scope: StaffScope) -> None:
    """Called once by the app that knows staff (accounts); a second call replaces the first."""
    global _scope  # set once at start-up, read on every request
    _scope = scope


def staff_scope() -> StaffScope:
    if _scope is None:
        raise ImproperlyConfigured(
            "No staff scope is registered: panjereh.accounts must be installed (AccountsConfig.ready registers it)."
        )
    return _scope


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
    Superusers see everything; supervisors see everything and change nothing (as `StaffScope` says)."""

    agency_paths: tuple[str, ...] = ()
    agency_change_paths: tuple[str, ...] | None = None
    agency_choices: dict[str, str] = {}

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return scope(super().get_queryset(request), staff_scope().agency_codes(request.user), self.agency_paths)

    def changeable(self, request: HttpRequest, queryset: QuerySet[Any]) -> QuerySet[Any]:
        staff = staff_scope()
        if staff.read_only(request.user):
            return queryset.none()
        paths = self.agency_paths if self.agency_change_paths is None else self.agency_change_paths
        return scope(queryset, staff.agency_codes(request.user), paths)

    def _may_change(self, request: HttpRequest, obj: Any) -> bool:
        staff = staff_scope()
        if staff.read_only(request.user):
            return False
        if obj is None or staff.agency_codes(request.user) is None:
            return True
        return self.changeable(request, self.model._default_manager.filter(pk=obj.pk)).exists()

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return super().has_add_permission(request, *args) and not staff_scope().read_only(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_change_permission(request, obj) and self._may_change(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return super().has_delete_permission(request, obj) and self._may_change(request, obj)

    def get_object(self, request: HttpRequest, object_id: str, from_field: str | None = None) -> Any:
        found = super().get_object(request, object_id, from_field)
        if found is None and staff_scope().agency_codes(request.user) is not None:
            raise Http404("این مورد نیست یا به دستگاه شما مربوط نیست.")
        return found

    def formfield_for_foreignkey(self, db_field: Any, request: HttpRequest, **kwargs: Any) -> Any:
        lookup = self.agency_choices.get(db_field.name)
        codes = staff_scope().agency_codes(request.user)
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


# The official calendar's announced days have their own module; registered here, where Django looks.
from panjereh.core import calendar_admin  # noqa: E402, F401
