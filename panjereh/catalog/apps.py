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
        post_migrate.connect(_prune_search_index, sender=self)
