from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "panjereh.exchange"
    label = "exchange"
    verbose_name = "تبادل اطلاعات"
