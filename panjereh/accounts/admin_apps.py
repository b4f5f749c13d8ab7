"""The admin app, with the staff's admin site as `admin.site` (Django's documented way to replace
the default site: every `@admin.register` in every app keeps working unchanged).

Kept apart from `apps.py` because a module listed in INSTALLED_APPS is imported before the models
are ready, and the site itself needs django-otp's models."""

from __future__ import annotations

from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    default_site = "panjereh.accounts.admin_site.StaffAdminSite"
