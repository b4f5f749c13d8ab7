from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "panjereh.accounts"
    label = "accounts"
    verbose_name = "حساب‌های کاربری"
