"""After `migrate`, the role groups that exist get the rights a release gave their role, so staff made
before it have them without being saved again."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

from panjereh.accounts.constants import StaffRole
from panjereh.accounts.services import role_group, role_groups_refresh

pytestmark = pytest.mark.django_db


def codenames(group: Group) -> set[str]:
    return set(group.permissions.values_list("codename", flat=True))


def test_an_existing_groups_rights_are_brought_up_to_date_after_migrate() -> None:
    supervisors = role_group(StaffRole.SUPERVISOR)
    supervisors.permissions.remove(*supervisors.permissions.filter(codename__endswith="announcedday"))
    assert "change_announcedday" not in codenames(supervisors)  # as a group made before the release

    role_groups_refresh(app_config=apps.get_app_config("accounts"))  # not the last app's signal: not yet
    assert "change_announcedday" not in codenames(supervisors)
    role_groups_refresh(app_config=list(apps.get_app_configs())[-1], using="audit")  # not the main database
    assert "change_announcedday" not in codenames(supervisors)
    role_groups_refresh(app_config=list(apps.get_app_configs())[-1])
    assert "change_announcedday" in codenames(supervisors)
    assert not Group.objects.filter(name=StaffRole.OFFICER.label).exists()  # a group nobody has is not made
