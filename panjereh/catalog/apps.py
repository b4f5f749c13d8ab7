from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _prune_search_index(sender: AppConfig, **kwargs: Any) -> None:
    """After every migrate and flush: index rows of services that no longer exist go too."""
    from django.db import connection

    from panjereh.catalog.search.index import backend

    tables = connection.introspection.table_names()
    if "catalog_service" in tables and backend().TABLE in tables:
        backend().prune()


class CatalogConfig(AppConfig):
    name = "panjereh.catalog"
    label = "catalog"
    verbose_name = "فهرست خدمات"

    def ready(self) -> None:
        from panjereh.agencies.services import agency_rename_listener_add
        from panjereh.catalog.services import agency_services_reindex

        post_migrate.connect(_prune_search_index, sender=self)
        agency_rename_listener_add(agency_services_reindex)
