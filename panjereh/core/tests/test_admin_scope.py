"""The back office's agency scoping asks a staff scope that accounts registers at start-up, and
refuses to answer without one rather than show every agency's rows."""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.contrib.auth.models import AnonymousUser, Group
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory

from panjereh.core import admin as core_admin


def test_a_staff_scope_is_registered_at_start_up() -> None:
    scope = core_admin.staff_scope()
    assert scope.agency_codes(AnonymousUser()) == set()  # nobody's rows for a visitor
    assert scope.read_only(AnonymousUser()) is False


def test_a_scoped_admin_refuses_to_list_rows_without_a_staff_scope(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(core_admin, "_scope", None)
    request = RequestFactory().get("/admin/")
    request.user = AnonymousUser()
    scoped = core_admin.AgencyScopedAdmin(Group, admin.site)
    with pytest.raises(ImproperlyConfigured, match="No staff scope is registered"):
        scoped.get_queryset(request)
