from django.apps import AppConfig


class AppointmentsConfig(AppConfig):
    name = "panjereh.appointments"
    verbose_name = "دفاتر و نوبت‌دهی"
