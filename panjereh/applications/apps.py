from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "panjereh.applications"
    verbose_name = "درخواست‌ها و خدمات الکترونیکی"
