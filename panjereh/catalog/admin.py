"""The catalog in the back office. Service profiles belong to agencies: a staff member sees and
changes only their agency's (`AgencyScopedAdmin`). Every edit keeps the search index in step."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from panjereh.catalog.models import Category, LifeEvent, Service
from panjereh.catalog.services import services_reindex, services_unindex
from panjereh.core.admin import HTTPS_URLS, AgencyScopedAdmin


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin[Category]):
    list_display = ["name", "code", "position"]
    search_fields = ["name", "code"]


@admin.register(LifeEvent)
class LifeEventAdmin(admin.ModelAdmin[LifeEvent]):
    list_display = ["name", "code", "position"]
    search_fields = ["name", "code"]


@admin.register(Service)
class ServiceAdmin(AgencyScopedAdmin):
    agency_paths = ("agency__code",)
    agency_choices = {"agency": "code"}
    formfield_overrides = HTTPS_URLS
    list_display = ["title", "agency", "maturity", "smart", "audience", "updated_at"]
    list_filter = ["maturity", "smart", "audience", "categories"]
    search_fields = ["title", "code", "agency__name"]
    autocomplete_fields = ["agency"]
    filter_horizontal = ["categories", "life_events"]
    readonly_fields = ["created_at", "updated_at"]
    list_select_related = ["agency"]

    def save_related(self, request: HttpRequest, form: ModelForm[Service], formsets: Any, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        services_reindex([form.instance.pk])

    def delete_model(self, request: HttpRequest, obj: Service) -> None:
        pk = obj.pk
        super().delete_model(request, obj)
        services_unindex([pk])

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Service]) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        super().delete_queryset(request, queryset)
        services_unindex(ids)
