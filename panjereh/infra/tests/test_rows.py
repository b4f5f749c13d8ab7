"""panjereh.infra.rows stores and reads exactly what the ORM stores and reads, whether it writes its own
SQL (the default) or leaves the statements to the ORM (ONE_ROW_SQL=0: the off switch)."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from panjereh.infra import rows

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=[True, False], ids=["sql", "orm"])
def one_row_sql(request: pytest.FixtureRequest, settings: Any) -> bool:
    settings.ONE_ROW_SQL = request.param
    return bool(request.param)


FIELDS = ("username", "email", "is_active", "date_joined", "last_login", "first_name")


def test_an_inserted_row_gets_its_key_and_reads_back_as_the_orms_own() -> None:
    joined = timezone.now().replace(microsecond=123456)
    user = User(username="rows-1", email="a@example.com", date_joined=joined, first_name="علی")
    assert rows.insert(user)
    assert user.pk is not None and not user._state.adding
    assert rows.values(User, user.pk, FIELDS) == User.objects.filter(pk=user.pk).values(*FIELDS).get()
    assert User.objects.get(pk=user.pk).date_joined == joined  # an aware datetime, to the microsecond


def test_a_row_that_breaks_a_unique_constraint_is_skipped_when_asked_and_refused_otherwise() -> None:
    from django.db import IntegrityError, transaction

    assert rows.insert(User(username="rows-2"))
    assert not rows.insert(User(username="rows-2", email="other@example.com"), skip_conflict=True)
    assert User.objects.filter(username="rows-2").values_list("email", flat=True).get() == ""
    with pytest.raises(IntegrityError), transaction.atomic():
        rows.insert(User(username="rows-2"))


def test_an_update_writes_only_the_fields_named_and_no_row_for_an_unknown_key() -> None:
    user = User.objects.create(username="rows-3", email="before@example.com", first_name="before")
    user.email, user.first_name = "after@example.com", "not written"
    user.last_login = timezone.now() - datetime.timedelta(days=1)
    assert rows.update(user, ["email", "last_login"]) == 1
    stored = User.objects.get(pk=user.pk)
    assert (stored.email, stored.first_name, stored.last_login) == ("after@example.com", "before", user.last_login)
    user.pk = 10**9
    assert rows.update(user, ["email"]) == 0
    assert rows.values(User, 10**9, FIELDS) is None


def test_without_returning_the_new_key_comes_from_the_cursor(
    monkeypatch: pytest.MonkeyPatch, one_row_sql: bool
) -> None:
    """SQLite before 3.35 has no RETURNING; PostgreSQL always has it (the ORM asks for what it can)."""
    from django.db import connection

    if connection.vendor != "sqlite":
        assert connection.features.can_return_columns_from_insert
        return
    monkeypatch.setattr(connection.features, "can_return_columns_from_insert", False)
    user = User(username="rows-4")
    assert rows.insert(user)
    assert User.objects.get(pk=user.pk).username == "rows-4"
    assert not rows.insert(User(username="rows-4"), skip_conflict=True)


def test_an_update_only_if_the_row_is_still_as_expected() -> None:
    """A claim: the first to change the row from the expected value wins, the second changes nothing."""
    user = User.objects.create(username="rows-5", first_name="pending")
    first, second = User(pk=user.pk, first_name="sending-1"), User(pk=user.pk, first_name="sending-2")
    assert rows.update(first, ["first_name"], only_if={"first_name": "pending"}) == 1
    assert rows.update(second, ["first_name"], only_if={"first_name": "pending"}) == 0
    assert User.objects.get(pk=user.pk).first_name == "sending-1"


def test_a_whole_row_reads_back_as_the_orms_instance() -> None:
    user = User.objects.create(username="rows-6", email="six@example.com", last_login=timezone.now())
    found = rows.instance(User, user.pk)
    assert isinstance(found, User) and not found._state.adding
    orm = User.objects.get(pk=user.pk)
    assert [getattr(found, f.attname) for f in User._meta.concrete_fields] == [
        getattr(orm, f.attname) for f in User._meta.concrete_fields
    ]
    assert rows.instance(User, 10**9) is None
