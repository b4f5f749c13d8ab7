from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "panjereh.payments"
    verbose_name = "پرداخت‌ها"
