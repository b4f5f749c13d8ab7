from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "panjereh.catalog"
    label = "catalog"
    verbose_name = "فهرست خدمات"
