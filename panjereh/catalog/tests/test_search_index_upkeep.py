"""A bulk change leaves the search index whole: lemmas indexed again, nothing left waiting to merge."""

from __future__ import annotations

import pytest
from django.db import connection

from conftest import import_records, profile
from panjereh.catalog.search import postgres, refresh_statistics, reindex_all, search_services

pytestmark = pytest.mark.django_db


def test_a_reindex_keeps_the_lemmas_so_the_singular_still_finds_the_plural() -> None:
    import_records([profile("documents-verify", "تصدیق مدارک تحصیلی"), profile("other", "تمدید گذرنامه")])
    assert reindex_all() == 2
    assert [service.code for service in search_services("مدرک").services] == ["documents-verify"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="GIN pending lists are PostgreSQL's")
def test_after_a_bulk_change_no_gin_pending_list_is_left_for_every_search_to_read() -> None:
    import_records([profile(f"service-{n}", f"صدور گواهی شماره {n}") for n in range(200)])
    refresh_statistics()
    with connection.cursor() as cursor:
        for name in postgres.GIN_INDEXES:
            cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [name])
            assert cursor.fetchone() == (0,), name  # pages a merge now would move: none
