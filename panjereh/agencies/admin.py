"""Agencies in the back office. A staff member sees and changes only their own agency
(`AgencyScopedAdmin`); a rename is announced to the apps that keep something derived from the name
(the catalog's search index), through `services.agency_renamed`."""

from __future__ import annotations

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from panjereh.agencies import services
from panjereh.agencies.models import Agency
from panjereh.core.admin import HTTPS_URLS, AgencyScopedAdmin


@admin.register(Agency)
class AgencyAdmin(AgencyScopedAdmin):
    agency_paths = ("code",)
    formfield_overrides = HTTPS_URLS
    list_display = ["name", "code", "kind", "province", "window_status", "launched_on", "connected_on"]
    list_filter = ["window_status", "kind", "province"]
    search_fields = ["name", "code"]
    readonly_fields = ["created_at", "updated_at"]

    def save_model(self, request: HttpRequest, obj: Agency, form: ModelForm[Agency], change: bool) -> None:
        super().save_model(request, obj, form, change)
        if change and "name" in form.changed_data:
            services.agency_renamed(agency=obj)
