from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "panjereh.agencies"
    label = "agencies"
    verbose_name = "دستگاه‌های اجرایی"
